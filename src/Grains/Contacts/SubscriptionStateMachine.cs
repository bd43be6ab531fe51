using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;

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

    private static void DoiConfirmed(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
    {
        if (state.Email is not null && !SameAddress(state.Email, signal.Email))
        {
            decision.Note = (ActivityLevel.Info, "Ignored a DOI confirmation for an address the person no longer uses.");
            return;
        }

        if (state.Status == SubscriptionStatus.Pending && signal.At < WholeSecond(state.StatusSince))
        {
            // A click on an older DOI mail (e.g. one sent before an unsubscribe) does not confirm the DOI started since.
            decision.Note = (ActivityLevel.Info, "Ignored a DOI confirmation older than the double opt-in now running; waiting for its confirmation.");
            return;
        }

        switch (state.Status)
        {
            case SubscriptionStatus.Subscribed:
                return;
            case SubscriptionStatus.Unsubscribed:
                // A late click on an old DOI mail must not undo an unsubscribe: apply it again in Maileon.
                decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = signal.Email ?? state.Email, Actor = signal.Actor });
                decision.Transition = (SubscriptionStatus.Unsubscribed, SubscriptionStatus.Unsubscribed,
                    "DOI confirmation arrived after the unsubscribe; the unsubscribe stands and was applied again in Maileon.");
                return;
            default:
                var from = state.Status;
                state.Status = SubscriptionStatus.Subscribed;
                state.StatusSince = signal.At;
                state.Email ??= signal.Email;
                state.AwaitingEmail = false;
                decision.Work.Add(SetField(SubscriptionStatus.Subscribed));
                decision.Transition = (from, SubscriptionStatus.Subscribed, "Double opt-in confirmed in Maileon.");
                return;
        }
    }

    private static void MaileonUnsubscribed(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
    {
        if (state.Email is not null && !SameAddress(state.Email, signal.Email))
        {
            decision.Note = (ActivityLevel.Info, "Recorded an unsubscribe in Maileon for an address the person no longer uses; nothing else changed.");
            return;
        }

        if (state.Status == SubscriptionStatus.Unsubscribed)
        {
            // Keep the latest unsubscribe: a subscribe request older than this one must not count.
            state.UnsubscribedAt = Later(state.UnsubscribedAt, signal.At);
            return;
        }

        if (state.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed && WholeSecond(state.DoiRequestedAt) > signal.At)
        {
            decision.Note = (ActivityLevel.Info, "Ignored a Maileon unsubscribe older than the request that started the current subscription.");
            return;
        }

        if (UnsubscribedBeforeLaterRequest(state, signal.At))
        {
            RestartAfterLateUnsubscribe(state, signal, decision, unsubscribeInMaileon: false,
                $"Unsubscribed in Maileon at {signal.At:u}, before a later subscribe request ({state.LastRequestAt:u}) that found the person still subscribed: a new double opt-in started for that request.");
            return;
        }

        var from = state.Status;
        var confirmedAfterwards = from == SubscriptionStatus.Subscribed && WholeSecond(state.StatusSince) > signal.At;
        state.Status = SubscriptionStatus.Unsubscribed;
        state.UnsubscribedAt = signal.At;
        state.StatusSince = signal.At;
        state.Email ??= signal.Email;
        state.AwaitingEmail = false;
        if (confirmedAfterwards)
        {
            // The DOI click we saw first came after this unsubscribe: like any late click, it does not undo it.
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = state.Email, Actor = signal.Actor });
        }

        decision.Work.Add(SetField(SubscriptionStatus.Unsubscribed));
        decision.Transition = (from, SubscriptionStatus.Unsubscribed, "Unsubscribed in Maileon.");
    }

    private static void MergedIn(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
    {
        if (!SameAddress(state.Email ?? signal.Email, signal.Email) || signal.MergedStatus == SubscriptionStatus.None)
        {
            decision.Note = (ActivityLevel.Info, $"A merged person ({Describe(signal.MergedStatus)}, other address) was merged in; this person's subscription is unchanged.");
            return;
        }

        if (signal.MergedStatus == SubscriptionStatus.Unsubscribed && state.Status != SubscriptionStatus.Unsubscribed)
        {
            // The same address unsubscribed: that wins over anything.
            var from = state.Status;
            state.Status = SubscriptionStatus.Unsubscribed;
            state.UnsubscribedAt = signal.At;
            state.StatusSince = signal.At;
            state.Email = signal.Email;
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = signal.Email, Actor = signal.Actor });
            decision.Work.Add(SetField(SubscriptionStatus.Unsubscribed));
            decision.Transition = (from, SubscriptionStatus.Unsubscribed, "A merged person with the same address had unsubscribed; the unsubscribe carries over.");
            return;
        }

        if (state.Status == SubscriptionStatus.None && signal.MergedStatus is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed)
        {
            state.Status = signal.MergedStatus;
            state.StatusSince = signal.At;
            state.Email = signal.Email;
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.UpdateContact, Email = signal.Email });
            decision.Work.Add(SetField(state.Status));
            decision.Transition = (SubscriptionStatus.None, state.Status, "Took over the subscription of a merged person with the same address.");
        }
    }

    /// <summary>
    /// An unsubscribe arrived late: after it, a user's subscribe request was absorbed because the person still looked
    /// pending or subscribed. In source order the person was unsubscribed and then asked to subscribe again.
    /// </summary>
    private static bool UnsubscribedBeforeLaterRequest(SubscriptionState state, DateTimeOffset unsubscribedAt) =>
        state.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed
        && state.Email is not null
        && state.LastRequestAt > unsubscribedAt
        && !(state.DoiRequestedAt > unsubscribedAt);

    private static void RestartAfterLateUnsubscribe(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision, bool unsubscribeInMaileon, string detail)
    {
        var from = state.Status;
        if (unsubscribeInMaileon)
        {
            decision.Work.Add(new ContactWork { Kind = ContactWorkKind.Unsubscribe, Email = state.Email, Actor = signal.Actor });
        }

        state.UnsubscribedAt = Later(state.UnsubscribedAt, signal.At);
        StartDoubleOptIn(state, signal with { At = state.LastRequestAt!.Value, Email = state.Email }, decision, from, detail);
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static void StartDoubleOptIn(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision, SubscriptionStatus from, string detail)
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
    private static DateTimeOffset? WholeSecond(DateTimeOffset? at) =>
        at is { } t ? new DateTimeOffset(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset) : null;

    private static bool IsStale(SubscriptionState state, ContactSignal signal) => state.LastRequestAt is { } last && signal.At < last;

    private static ContactWork SetField(SubscriptionStatus status) =>
        new() { Kind = ContactWorkKind.SetNewsletterField, Option = OptionFor(status) };

    private static string Describe(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Pending => "awaiting confirmation",
        SubscriptionStatus.Subscribed => "subscribed",
        SubscriptionStatus.Unsubscribed => "unsubscribed",
        _ => "not subscribed",
    };

    public static bool SameAddress(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
