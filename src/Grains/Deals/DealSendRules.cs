using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Whether a deal event may be sent, and what Maileon's answer means: pure, so every verdict is tested without a
/// network. A verdict on the tenant or the types is null when sending may go on.
/// </summary>
public static class DealSendRules
{
    public static string What(DealWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return $"Deal {work.Deal.Id} {DealDecisions.Verb(work.Kind)}";
    }

    /// <summary>
    /// An uninstalled tenant's events are dropped (with a note); an installed tenant without a Maileon key or Pipedrive
    /// authorisation keeps them waiting for the admin; turned-off events and deals without a person are not sent.
    /// </summary>
    public static EffectOutcome? BeforeSending(TenantConnection connection, DealWork work)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(work);
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return NotSent(work, $"the app is not active for this company ({connection.Status}).");
        }

        if (connection.MaileonApiKey is null)
        {
            return EffectOutcome.WaitForCredentials($"{What(work)}: no Maileon API key is saved; waiting for the admin");
        }

        if (connection.Status == TenantStatus.NeedsReauthorization || connection.PipedriveAccessToken is null)
        {
            return EffectOutcome.WaitForCredentials($"{What(work)}: the app needs to be re-authorised in Pipedrive; waiting for the admin");
        }

        if (!connection.DealEventsEnabled)
        {
            return NotSent(work, "deal events are turned off in the settings.", ActivityLevel.Info);
        }

        return work.Deal.PersonId is null ? NotSent(work, "the deal has no person.") : null;
    }

    public static EffectOutcome? FromTypes(DealTransactionTypesResult types, DealWork work)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(work);
        var what = What(work);
        var typeName = DealTransactionTypes.NameOf(work.Kind);
        return types.Status switch
        {
            DealTransactionTypesStatus.Mismatch => EffectOutcome.Fail($"{what}: not sent. {types.Message}"),
            DealTransactionTypesStatus.NotConfigured => EffectOutcome.Done($"{what}: not sent to Maileon. {types.Message}", new DealEventResult.NotSent(ActivityLevel.Warning)),
            DealTransactionTypesStatus.Unavailable when types.CredentialsRefused => EffectOutcome.WaitForCredentials($"{what}: {types.Message}"),
            DealTransactionTypesStatus.Unavailable => types.Retryable ? EffectOutcome.Retry($"{what}: {types.Message}", types.RetryAfter) : EffectOutcome.Fail($"{what}: {types.Message}"),
            _ when types.Find(typeName) is null => EffectOutcome.Retry($"{what}: the contact event type {typeName} is not known yet."),
            _ => null,
        };
    }

    public static EffectOutcome NotSent(DealWork work, string reason, ActivityLevel level = ActivityLevel.Warning) =>
        EffectOutcome.Done($"{What(work)}: not sent to Maileon, {reason}", new DealEventResult.NotSent(level));

    public static EffectOutcome Sent(DealWork work, long personId, string? learnedSmartBcc, bool earlierAttemptArrived = false) =>
        EffectOutcome.Done(
            $"{What(work)}: sent to Maileon as {DealTransactionTypes.NameOf(work.Kind)} for person {personId}{(earlierAttemptArrived ? " (an earlier attempt had arrived)" : "")}.",
            new DealEventResult.Sent(learnedSmartBcc));

    /// <summary>Maileon answered that the contact is unknown: it was removed (e.g. anonymised) since it was looked up.</summary>
    public static bool ContactGone(MaileonTransactionReport report) => Refused(report) && Mentions(report, "contact");

    /// <summary>Maileon answered that the event type is unknown: someone deleted it.</summary>
    public static bool TypeGone(MaileonTransactionReport report) => Refused(report) && !Mentions(report, "contact") && Mentions(report, "type");

    public static EffectOutcome Interpret(MaileonTransactionReport report, DealWork work, long personId, string? learnedSmartBcc)
    {
        ArgumentNullException.ThrowIfNull(report);
        var what = What(work);
        if (report.Queued)
        {
            return Sent(work, personId, learnedSmartBcc);
        }

        var message = report.Message ?? "no reason given";
        return report.NotSent switch
        {
            ApiFailureKind.Transient => EffectOutcome.Retry($"{what}: not sent ({message})."),
            ApiFailureKind.RateLimited => EffectOutcome.Throttle($"{what}: not sent ({message})."),
            ApiFailureKind.Unauthorized or ApiFailureKind.Forbidden => EffectOutcome.WaitForCredentials($"{what}: Maileon refused the API key ({message}); waiting for the admin."),
            not null => EffectOutcome.Fail($"{what}: not sent ({message})."),
            null when ContactGone(report) => NotSent(work, $"person {personId} is no longer a Maileon contact."),
            null when TypeGone(report) => EffectOutcome.Retry($"{what}: Maileon no longer knows the type {DealTransactionTypes.NameOf(work.Kind)} ({message})."),
            null => EffectOutcome.Fail($"{what}: Maileon refused the event ({message})."),
        };
    }

    /// <summary>A sent event's notes (a rounded amount and its exact value, a value left out) go into its activity-log line.</summary>
    public static EffectOutcome WithNotes(EffectOutcome outcome, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(notes);
        return outcome is EffectOutcome.Succeeded { Result: DealEventResult.Sent } sent && notes.Count > 0
            ? EffectOutcome.Done($"{sent.Summary} Note: {string.Join("; ", notes)}.", sent.Result)
            : outcome;
    }

    private static bool Refused(MaileonTransactionReport report) => !report.Queued && report.NotSent is null;

    private static bool Mentions(MaileonTransactionReport report, string subject) =>
        report.Message is { } message && message.Contains(subject, StringComparison.OrdinalIgnoreCase) && message.Contains("not found", StringComparison.OrdinalIgnoreCase);
}
