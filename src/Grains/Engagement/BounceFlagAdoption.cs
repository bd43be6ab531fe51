namespace PipedriveMaileon.Grains.Engagement;

/// <summary>The outcome of looking for the "Maileon bounce" field: adopt it (key, option), create it, or report why neither.</summary>
public sealed record BounceFlagAdoption(string? FieldKey, long? OptionId, bool IsSet, bool MustCreate, string? Problem)
{
    public static BounceFlagAdoption Missing { get; } = new(null, null, false, true, null);

    public static BounceFlagAdoption Adopted(string key, long optionId, bool isSet) => new(key, optionId, isSet, false, null);

    public static BounceFlagAdoption Unusable(string problem) => new(null, null, false, false, problem);
}
