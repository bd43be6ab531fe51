namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The person's hard bounce as the "Maileon bounce" field should show it: the field (as the tenant's poller found or
/// created it) and the address that bounced; whether the flag was written. Plain data, JSON-serialisable.
/// </summary>
public sealed class BounceFlagState
{
    public string? FieldKey { get; set; }

    public long? OptionId { get; set; }

    public bool FieldIsSet { get; set; }

    /// <summary>The address key of the latest recorded hard bounce.</summary>
    public string? BouncedAddress { get; set; }

    public DateTimeOffset? FlaggedAt { get; set; }

    public BounceFlagAdoption Field => FieldKey is { } key && OptionId is { } option
        ? BounceFlagAdoption.Adopted(key, option, FieldIsSet)
        : BounceFlagAdoption.Unusable("no field");
}
