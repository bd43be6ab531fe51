namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// The answer to a settings save: field errors (nothing stored when there are any) or the stored settings with the
/// outcome of each setup step.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.SettingsSaveResult")]
public sealed record SettingsSaveResult
{
    [Id(0)] public required bool Saved { get; init; }

    /// <summary>Field name (<c>MaileonApiKey</c>, <c>DoiMailingKey</c>, <c>ExtraFieldKeys</c>, ...) → message.</summary>
    [Id(1)] public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    [Id(2)] public IReadOnlyList<SetupStepOutcome> Setup { get; init; } = [];
}
