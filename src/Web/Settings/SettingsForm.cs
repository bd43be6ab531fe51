using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Web.Settings;

/// <summary>The settings form as posted. Values are checked here for shape; the tenant grain checks meaning.</summary>
public sealed class SettingsForm
{
    public const int MaxExtraFields = 5;

    [StringLength(300, ErrorMessage = "The API key is too long to be a Maileon API key.")]
    public string? MaileonApiKey { get; set; }

    [StringLength(100, ErrorMessage = "The DOI mailing key is at most 100 characters.")]
    [RegularExpression(@"^[A-Za-z0-9_\-]*$", ErrorMessage = "The DOI mailing key contains characters Maileon keys do not have.")]
    public string? DoiMailingKey { get; set; }

    /// <summary><c>doi</c> or <c>doiplus</c>.</summary>
    [RegularExpression("^(doi|doiplus)$", ErrorMessage = "Choose DOI or DOI+.")]
    public string Permission { get; set; } = "doi";

    public bool DealEvents { get; set; }

    public bool EraseDeleted { get; set; }

    public List<string?> ExtraFields { get; set; } = [];

    public IReadOnlyList<string> ChosenExtraFields() =>
        ExtraFields.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim()).ToList();
}
