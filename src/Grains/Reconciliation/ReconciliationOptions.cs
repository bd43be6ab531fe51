using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>How each tenant's reconciliation runs (section <c>Reconciliation</c>).</summary>
public sealed class ReconciliationOptions : IValidatableObject
{
    public const string Section = "Reconciliation";

    /// <summary>Minutes between runs (<c>Reconciliation:IntervalMinutes</c>).</summary>
    [Range(1, 24 * 60)]
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>
    /// Largest share of the tenant's remaining daily Pipedrive token budget one run may spend
    /// (<c>Reconciliation:BudgetShare</c>; 0.1 = 10%). A run that reaches it stops and continues next time.
    /// </summary>
    [Range(0.001, 1.0)]
    public double BudgetShare { get; set; } = 0.1;

    /// <summary>How far each checkpoint is set back so that late-visible changes are read again (<c>Reconciliation:OverlapMinutes</c>).</summary>
    [Range(0, 24 * 60)]
    public int OverlapMinutes { get; set; } = 5;

    /// <summary>
    /// The time zone Maileon accounts show times in (<c>Reconciliation:MaileonTimeZone</c>, IANA or Windows id):
    /// <c>updated_after</c> and contact times carry no zone. UTC reads a little more than needed for accounts east
    /// of UTC and nothing less; set it for accounts west of UTC.
    /// </summary>
    [Required]
    public string MaileonTimeZone { get; set; } = "UTC";

    /// <summary>Most pages one source reads in one run, whatever the budget (<c>Reconciliation:MaxPagesPerRun</c>).</summary>
    [Range(1, 10_000)]
    public int MaxPagesPerRun { get; set; } = 100;

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    public TimeSpan Overlap => TimeSpan.FromMinutes(OverlapMinutes);

    public TimeZoneInfo MaileonZone() => string.Equals(MaileonTimeZone, "UTC", StringComparison.OrdinalIgnoreCase)
        ? TimeZoneInfo.Utc
        : TimeZoneInfo.FindSystemTimeZoneById(MaileonTimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        ValidationResult? problem = null;
        try
        {
            MaileonZone();
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            problem = new ValidationResult($"Reconciliation:MaileonTimeZone '{MaileonTimeZone}' is not a time zone this system knows.", [nameof(MaileonTimeZone)]);
        }

        if (problem is not null)
        {
            yield return problem;
        }
    }
}
