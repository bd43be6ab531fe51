using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// Applies the first sync's decisions for the persons of one address to the address (docs/IDENTITY.md, "First sync"):
/// an unsubscribe anywhere wins; else one double opt-in mail for the address if any person gets one; else "Subscribed"
/// where Maileon holds DOI/DOI+; else the incumbent's running double opt-in is waited for. Every person is registered
/// with the address; persons without a mark of their own are left alone (no ledger entry, no field write). A change the
/// address saw after the scan started is newer than what the scan read: then the persons are only registered.
/// </summary>
public static class FirstSyncGroupRules
{
    public const string Source = "first sync";

    public static bool Apply(AddressState state, FirstSyncGroup group, AddressContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(group);
        var eventId = $"firstsync:{group.SyncId}";
        if (state.HasSeen(eventId))
        {
            return false;
        }

        AddressDecisions.Open(state, context);
        state.Remember(eventId);
        var consent = state.Entry.State;
        var live = consent.StatusSince > group.ScannedFrom || consent.LastRequestAt > group.ScannedFrom;
        foreach (var member in group.Members)
        {
            if (state.Entry.Add(member.PersonId) && member.Action == FirstSyncAction.Nothing)
            {
                state.Quiet.Add(member.PersonId);
            }
        }

        var target = live ? null : Target(group.Members);
        var before = consent.Status;
        var doi = target == FirstSyncAction.SendDoi;
        if (target is { } action)
        {
            Set(consent, action, group.ScannedFrom, context.Now);
        }

        foreach (var member in group.Members)
        {
            var marked = member.Action != FirstSyncAction.Nothing && target is not null;
            AddressFanOut.Notify(state, member.PersonId, context, new AddressWork
            {
                Register = true,
                FieldNow = member.FieldNow,
                WriteField = marked && !doi,
                Ledger = marked ? AddressFanOut.Line(before, consent.Status, member.Reason, "system", Source, context.Now) : null,
            });
        }

        if (doi && FirstSyncPlan.Requester(group) is { } requester)
        {
            state.Outbox.Enqueue(new AddressWork
            {
                Kind = AddressWorkKind.StartDoubleOptIn, PersonId = requester.PersonId, Person = Person(requester, group.ScannedFrom), Actor = "first-sync",
            }, context.Now);
        }

        return true;
    }

    /// <summary>What the address becomes: the strongest action among the persons (null: the address is left as it is).</summary>
    public static FirstSyncAction? Target(IReadOnlyList<FirstSyncMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        foreach (var action in new[] { FirstSyncAction.MarkUnsubscribed, FirstSyncAction.SendDoi, FirstSyncAction.MarkSubscribed, FirstSyncAction.AwaitConfirmation })
        {
            if (members.Any(m => m.Action == action))
            {
                return action;
            }
        }

        return null;
    }

    private static void Set(SubscriptionState consent, FirstSyncAction action, DateTimeOffset scannedFrom, DateTimeOffset now)
    {
        switch (action)
        {
            case FirstSyncAction.MarkUnsubscribed:
                consent.Status = SubscriptionStatus.Unsubscribed;
                consent.UnsubscribedAt = consent.UnsubscribedAt > scannedFrom ? consent.UnsubscribedAt : scannedFrom;
                consent.StatusSince = scannedFrom;
                break;
            case FirstSyncAction.SendDoi:
                consent.Status = SubscriptionStatus.Pending;
                consent.StatusSince = now;
                consent.DoiRequestedAt = now;
                consent.LastRequestAt = scannedFrom;
                break;
            case FirstSyncAction.MarkSubscribed:
                consent.Status = SubscriptionStatus.Subscribed;
                consent.StatusSince = scannedFrom;
                consent.LastRequestAt ??= scannedFrom;
                break;
            default:
                // The incumbent's double opt-in: its start time is unknown, so no unsubscribe counts as older than it.
                consent.Status = SubscriptionStatus.Pending;
                consent.StatusSince = scannedFrom;
                consent.DoiRequestedAt = null;
                consent.LastRequestAt ??= scannedFrom;
                break;
        }

        consent.AwaitingEmail = false;
    }

    private static KnownPerson Person(FirstSyncMember member, DateTimeOffset at)
    {
        var present = new HashSet<string>(StringComparer.Ordinal) { "name", "first_name", "last_name", "org_id", "owner_id", "emails" };
        return AddressDecisions.KnownPersonOf(new PersonSnapshot
        {
            Id = member.PersonId,
            Name = member.Name,
            FirstName = member.FirstName,
            LastName = member.LastName,
            OrgId = member.OrgId,
            OwnerId = member.OwnerId,
            PrimaryEmail = member.Email,
            Emails = member.Email is null ? [] : [member.Email],
            UpdateTime = at,
            PresentFields = present,
        });
    }
}
