using PipedriveMaileon.Grains.Interfaces.Contacts;
using static PipedriveMaileon.Grains.Contacts.SubscriptionStateMachine;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The steps the consent rules share: starting a double opt-in (also again after a late unsubscribe), the field write,
/// and comparing our millisecond times with Maileon's whole seconds.
/// </summary>
internal static class ConsentSteps
{
    /// <summary>
    /// An unsubscribe arrived late: after it, a user's subscribe request was absorbed because the person still looked
    /// pending or subscribed. In source order the person was unsubscribed and then asked to subscribe again.
    /// </summary>
    public static bool UnsubscribedBeforeLaterRequest(SubscriptionState state, DateTimeOffset unsubscribedAt) =>
        state.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed
        && state.Email is not null
        && state.LastRequestAt > unsubscribedAt
        && !(state.DoiRequestedAt > unsubscribedAt);

    public static void RestartAfterLateUnsubscribe(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision, bool unsubscribeInMaileon, string detail)
    {
        var from = state.Status;
        if (unsubscribeInMaileon)
        {
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = state.Email, Actor = signal.Actor });
        }

        state.UnsubscribedAt = Later(state.UnsubscribedAt, signal.At);
        StartDoubleOptIn(state, signal with { At = state.LastRequestAt!.Value, Email = state.Email }, decision, from, detail);
    }

    public static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    public static void StartDoubleOptIn(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision, SubscriptionStatus from, string detail)
    {
        state.Status = SubscriptionStatus.Pending;
        state.StatusSince = signal.At;
        state.DoiRequestedAt = signal.At;
        state.Email = signal.Email;
        state.AwaitingEmail = false;
        decision.Work.Add(new ContactWork { Kind = ContactWorkKind.StartDoubleOptIn, Email = signal.Email, Actor = signal.Actor });
        decision.Transition = (from, SubscriptionStatus.Pending, detail);
    }

    /// <summary>
    /// Maileon's webhook timestamps have whole seconds while ours have milliseconds: a Maileon event is "older" than
    /// one of our times only when it is from an earlier second (else a quick click or unsubscribe is lost).
    /// </summary>
    public static DateTimeOffset? WholeSecond(DateTimeOffset? at) =>
        at is { } t ? new DateTimeOffset(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset) : null;

    public static bool IsStale(SubscriptionState state, ContactSignal signal) => state.LastRequestAt is { } last && signal.At < last;

    public static ContactWork SetField(SubscriptionStatus status) =>
        new() { Kind = ContactWorkKind.SetNewsletterField, Option = OptionFor(status) };

    public static string Describe(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Pending => "awaiting confirmation",
        SubscriptionStatus.Subscribed => "subscribed",
        SubscriptionStatus.Unsubscribed => "unsubscribed",
        _ => "not subscribed",
    };
}
