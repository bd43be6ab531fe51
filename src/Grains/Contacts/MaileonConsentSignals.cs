using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using static PipedriveMaileon.Grains.Contacts.ConsentSteps;
using static PipedriveMaileon.Grains.Contacts.SubscriptionStateMachine;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The signals from Maileon's side of <see cref="SubscriptionStateMachine"/> (a DOI confirmation, an unsubscribe) and a
/// merge, which carries another person's consent. Maileon's signals never start a subscription: at most they confirm
/// the one a user asked for, and an unsubscribe stands against every later click on an older DOI mail.
/// </summary>
internal static class MaileonConsentSignals
{
    public static void DoiConfirmed(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
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

    public static void MaileonUnsubscribed(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
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

    public static void MergedIn(SubscriptionState state, ContactSignal signal, SubscriptionDecision decision)
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
}
