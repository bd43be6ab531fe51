using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// One call a person's outbox entry becomes, with everything it needs from the person's state at the time it is
/// made (<see cref="ContactOutboxRules.Plan"/>); <see cref="ContactEffectHandler"/> performs it.
/// </summary>
/// <param name="What">How the activity log names the effect (e.g. in a failure).</param>
public abstract record ContactEffect(string What)
{
    /// <summary>Create or update the contact and start double opt-in, unless it already holds a confirmed DOI.</summary>
    /// <param name="Source">The DOI's <c>src</c>: company and who asked.</param>
    public sealed record StartDoubleOptIn(string Email, PersonSnapshot Person, string Source) : ContactEffect("StartDoubleOptIn");

    /// <summary>Update the contact's fields; never changes its permission.</summary>
    public sealed record UpdateContact(string Email, PersonSnapshot Person) : ContactEffect("UpdateContact");

    public sealed record Unsubscribe(string Email) : ContactEffect("Unsubscribe");

    /// <summary>Write the Newsletter field (null clears it).</summary>
    public sealed record SetNewsletterField(NewsletterOption? Option) : ContactEffect($"set Newsletter to {Option}");

    /// <summary>Read the person from Pipedrive (the webhook lacked what is needed).</summary>
    public sealed record ReadPerson() : ContactEffect("ReadPerson");

    /// <summary>Erase the contact in Maileon (a deleted person, with "also erase in Maileon" on).</summary>
    public sealed record EraseContact(string Email) : ContactEffect("EraseContact");

    /// <summary>Tell the survivor of a merge what this person knew.</summary>
    public sealed record HandOver(long TargetPersonId, SubscriptionStatus Status, string? Email) : ContactEffect($"hand over to person {TargetPersonId}");
}
