using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// The first sync's rule for one person (docs/IDENTITY.md, "First sync"). Only persons whose Newsletter value the app
/// recognises are touched; an unsubscribe anywhere wins over a subscribe mark, because the field cannot say which came
/// first; a DOI mail goes out only where Maileon holds no confirmed double opt-in for the address; nothing is
/// unsubscribed in Maileon, because nobody asked for it now.
/// </summary>
public static class FirstSyncRules
{
    /// <param name="person">The person and its Newsletter meaning.</param>
    /// <param name="maileon">What Maileon holds for the person's address (ignored without a usable address).</param>
    /// <param name="blockedInTenant">Another person of this company with the same address shows "Unsubscribed".</param>
    public static FirstSyncDecision Decide(ScannedPerson person, MaileonAddressFacts maileon, bool blockedInTenant)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(maileon);
        var address = EmailAddressKey.Of(person.PrimaryEmail);
        FirstSyncDecision Decision(FirstSyncAction action, NewsletterOption? write, string reason) => new(person.PersonId, action, address, write, reason);

        switch (person.Meaning)
        {
            case null:
                return Decision(FirstSyncAction.Nothing, null, "Newsletter is empty or holds an option the app does not recognise: left alone.");
            case NewsletterOption.Unsubscribed:
                return Decision(FirstSyncAction.MarkUnsubscribed, null, "Shows \"Unsubscribed\": kept unsubscribed; nothing is sent to Maileon.");
        }

        switch (EmailAddressKey.Classify(person.PrimaryEmail))
        {
            case EmailAddressKind.Missing:
                return Decision(FirstSyncAction.SkipNoEmail, null, "Marked for the newsletter, but the person has no e-mail address.");
            case EmailAddressKind.Invalid:
                return Decision(FirstSyncAction.SkipInvalidEmail, null, $"Marked for the newsletter, but \"{person.PrimaryEmail!.Trim()}\" is not an address Maileon accepts.");
        }

        if (maileon.Unsubscribed)
        {
            return Decision(FirstSyncAction.MarkUnsubscribed, NewsletterOption.Unsubscribed, "The address is unsubscribed in Maileon: set to \"Unsubscribed\", no mail.");
        }

        if (blockedInTenant)
        {
            return Decision(FirstSyncAction.MarkUnsubscribed, NewsletterOption.Unsubscribed,
                "Another person of this company with the same address shows \"Unsubscribed\": the unsubscribe wins, no mail.");
        }

        if (maileon.HasConfirmedDoubleOptIn)
        {
            return Decision(FirstSyncAction.MarkSubscribed, person.Meaning == NewsletterOption.Subscribed ? null : NewsletterOption.Subscribed,
                $"Maileon already holds a confirmed double opt-in ({Name(maileon.ActivePermission)}) for the address: \"Subscribed\" without a mail.");
        }

        if (person.Meaning == NewsletterOption.AwaitingConfirmation && maileon.ActivePermission == MaileonPermissionLevel.None)
        {
            return Decision(FirstSyncAction.AwaitConfirmation, null,
                "An earlier double opt-in mail is waiting for its confirmation in Maileon: no second mail.");
        }

        return Decision(FirstSyncAction.SendDoi, person.Meaning == NewsletterOption.AwaitingConfirmation ? null : NewsletterOption.AwaitingConfirmation,
            maileon.ActivePermission switch
            {
                null => "Not in Maileon: a double opt-in mail goes out.",
                MaileonPermissionLevel.None => "In Maileon without permission: a double opt-in mail goes out.",
                { } other => $"In Maileon with permission {Name(other)}, which is no proven double opt-in: a double opt-in mail goes out; the permission stays until it is confirmed.",
            });
    }

    /// <summary>Maileon's own names for permissions, as its interface shows them.</summary>
    private static string Name(MaileonPermissionLevel? permission) => permission switch
    {
        MaileonPermissionLevel.SingleOptIn => "SOI",
        MaileonPermissionLevel.ConfirmedOptIn => "COI",
        MaileonPermissionLevel.DoubleOptIn => "DOI",
        MaileonPermissionLevel.DoubleOptInPlus => "DOI+",
        MaileonPermissionLevel.Other => "other",
        _ => "none",
    };
}
