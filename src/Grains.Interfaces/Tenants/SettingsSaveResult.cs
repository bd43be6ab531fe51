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

    /// <summary>
    /// The saved key belongs to another Maileon account than the one before (the old account's webhooks were removed).
    /// (The first sync grain sees the new account id itself and starts the new account's preview: issue 12, nobody is silently
    /// re-created in the new account).
    /// </summary>
    [Id(3)] public bool MaileonAccountSwitched { get; init; }
}
