using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using static PipedriveMaileon.Grains.Contacts.ConsentSteps;
using static PipedriveMaileon.Grains.Contacts.MaileonConsentSignals;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The consent rules of the product, as a pure function of (state, signal): it updates the state and says which
/// side effects follow. The rules (docs/DESIGN.md, "Consent rules"):
/// <list type="bullet">
/// <item>Subscribing always goes through Maileon's double opt-in, and only on an explicit request by a Pipedrive user.</item>
/// <item>An unsubscribe from either side is permanent: only a user's request made <em>after</em> it starts a new DOI;
/// edits, reconciliation, merges, replays and late DOI clicks never re-subscribe.</item>
/// <item>Requests older than the latest applied one are stale (reordered delivery) and change nothing.</item>
/// <item>An address change never carries consent over: the old address is unsubscribed, the new one needs its own DOI.</item>
/// </list>
/// </summary>
public static class SubscriptionStateMachine
{
    public static SubscriptionDecision Apply(SubscriptionState state, ContactSignal signal)
    {
        var decision = new SubscriptionDecision();
        switch (signal.Kind)
        {
            case ContactSignalKind.SubscribeRequested:
                SubscribeRequested(state, signal, decision);
                break;
            case ContactSignalKind.UnsubscribeRequested:
                UnsubscribeRequested(state, signal, decision);
                break;
            case ContactSignalKind.FieldOverwritten:
                FieldOverwritten(state, decision);
                break;
            case ContactSignalKind.EmailChanged:
                EmailChanged(state, signal, decision);
                break;
            case ContactSignalKind.DoiConfirmed:
                DoiConfirmed(state, signal, decision);
                break;
            case ContactSignalKind.MaileonUnsubscribed:
                MaileonUnsubscribed(state, signal, decision);
                break;
            case ContactSignalKind.MergedIn:
                MergedIn(state, signal, decision);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(signal), signal.Kind, "Unknown signal.");
        }

        return decision;
    }

    /// <summary>The Newsletter option that shows <paramref name="status"/>, or null for <see cref="SubscriptionStatus.None"/>.</summary>
    public static NewsletterOption? OptionFor(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Pending => NewsletterOption.AwaitingConfirmation,
        SubscriptionStatus.Subscribed => NewsletterOption.Subscribed,
        SubscriptionStatus.Unsubscribed => NewsletterOption.Unsubscribed,
        _ => null,
    };

    private static void SubscribeRequested(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
    {
        if (IsStale(state, signal))
        {
            decision.Note = (ActivityLevel.Info, $"Ignored a subscribe request from {signal.At:u}: a later request was already applied.");
            return;
        }

        if (state.Status == SubscriptionStatus.Unsubscribed && state.UnsubscribedAt >= signal.At)
        {
            decision.Note = (ActivityLevel.Warning, "Ignored a subscribe request made before the person's unsubscribe; the unsubscribe stands.");
            decision.Transition = (SubscriptionStatus.Unsubscribed, SubscriptionStatus.Unsubscribed, "A subscribe request made before the unsubscribe was refused; the unsubscribe stands.");
            decision.Work.Add(SetField(state.Status));
            return;
        }

        state.LastRequestAt = signal.At;
        if (state.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed && SameAddress(state.Email, signal.Email))
        {
            state.DoiRequestedAt ??= signal.At;
            decision.Note = (ActivityLevel.Info, $"Subscribe requested again; the subscription is already {Describe(state.Status)}.");
            decision.Work.Add(SetField(state.Status));
            return;
        }

        if (string.IsNullOrWhiteSpace(signal.Email))
        {
            state.AwaitingEmail = true;
            decision.Note = (ActivityLevel.Warning, "Subscribe requested, but the person has no e-mail address: nothing was sent to Maileon. The double opt-in starts when an address is added.");
            return;
        }

        var from = state.Status;
        if (from is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed && state.Email is not null)
        {
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = state.Email, Actor = signal.Actor });
        }

        StartDoubleOptIn(state, signal, decision, from, from == SubscriptionStatus.Unsubscribed
            ? "New explicit subscribe request after the unsubscribe; double opt-in started."
            : "Subscribe requested; double opt-in started.");
    }

    private static void UnsubscribeRequested(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
    {
        if (IsStale(state, signal))
        {
            if (UnsubscribedBeforeLaterRequest(state, signal.At))
            {
                RestartAfterLateUnsubscribe(state, signal, decision, unsubscribeInMaileon: true,
                    $"An unsubscribe requested in Pipedrive at {signal.At:u} arrived after a later subscribe request ({state.LastRequestAt:u}): the old consent was withdrawn and a new double opt-in started for the later request.");
                return;
            }

            decision.Note = (ActivityLevel.Info, $"Ignored an unsubscribe request from {signal.At:u}: a later request was already applied.");
            return;
        }

        state.LastRequestAt = signal.At;
        state.AwaitingEmail = false;
        if (state.Status == SubscriptionStatus.Unsubscribed)
        {
            state.UnsubscribedAt = Later(state.UnsubscribedAt, signal.At);
            return;
        }

        var from = state.Status;
        var address = state.Email ?? signal.Email;
        state.Status = SubscriptionStatus.Unsubscribed;
        state.UnsubscribedAt = signal.At;
        state.StatusSince = signal.At;
        state.Email = address;
        if (address is not null)
        {
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = address, Actor = signal.Actor });
        }

        decision.Transition = (from, SubscriptionStatus.Unsubscribed, "Unsubscribe requested in Pipedrive.");
    }

    private static void FieldOverwritten(SubscriptionState state, SubscriptionDecision decision)
    {
        // Only the app may say "awaiting confirmation" or "subscribed": a user choosing them grants nothing.
        if (state.Status == SubscriptionStatus.None)
        {
            decision.Note = (ActivityLevel.Warning, "The Newsletter field was set to a value only the app sets; no subscription exists, so nothing was sent. Choose \"Subscribe\" to start a double opt-in.");
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.SetNewsletterField, Option = null });
            return;
        }

        decision.Note = (ActivityLevel.Info, $"The Newsletter field was overwritten by hand; restored to show the actual state ({Describe(state.Status)}).");
        decision.Work.Add(SetField(state.Status));
    }

    private static void EmailChanged(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
    {
        // AwaitingEmail comes from an accepted subscribe request, which is later than any unsubscribe before it: only an
        // unsubscribe after that request stands in the way.
        if (state.AwaitingEmail && !string.IsNullOrWhiteSpace(signal.Email)
            && !(state.Status == SubscriptionStatus.Unsubscribed && state.UnsubscribedAt >= state.LastRequestAt))
        {
            state.AwaitingEmail = false;
            StartDoubleOptIn(state, signal, decision, state.Status, "An e-mail address was added after the subscribe request; double opt-in started.");
            return;
        }

        if (state.Status is not (SubscriptionStatus.Pending or SubscriptionStatus.Subscribed) || SameAddress(state.Email, signal.Email))
        {
            return;
        }

        var from = state.Status;
        if (state.Email is not null)
        {
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = state.Email, Actor = signal.Actor });
        }

        if (string.IsNullOrWhiteSpace(signal.Email))
        {
            state.Status = SubscriptionStatus.None;
            state.StatusSince = signal.At;
            state.Email = null;
            state.DoiRequestedAt = null;
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.SetNewsletterField, Option = null });
            decision.Transition = (from, SubscriptionStatus.None, "The e-mail address was removed; the old address was unsubscribed in Maileon.");
            return;
        }

        StartDoubleOptIn(state, signal, decision, from, "The e-mail address changed: the old address is unsubscribed, the new one gets its own double opt-in.");
    }

    public static bool SameAddress(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
