using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// One call a person's outbox entry becomes, with everything it needs from the person's state at the time it is
/// made (<see cref="ContactOutboxRules.Plan"/>): <see cref="ContactEffectHandler"/> performs the API calls,
/// <see cref="ContactSyncGrain"/> sends <see cref="TellAddress"/> itself. Consent work (double opt-in, unsubscribe)
/// belongs to the person's address (<see cref="Identity.AddressEffect"/>).
/// </summary>
/// <param name="What">How the activity log names the effect (e.g. in a failure).</param>
public abstract record ContactEffect(string What)
{
    /// <summary>Update the existing contact's fields: never creates one, never changes its permission.</summary>
    public sealed record UpdateContact(string Email, PersonSnapshot Person) : ContactEffect("UpdateContact");

    /// <summary>Write the Newsletter field (null clears it).</summary>
    public sealed record SetNewsletterField(NewsletterOption? Option) : ContactEffect($"set Newsletter to {Option}");

    /// <summary>Read the person from Pipedrive (the webhook lacked what is needed).</summary>
    public sealed record ReadPerson() : ContactEffect("ReadPerson");

    /// <summary>Tell the grain of <paramref name="Address"/> something.</summary>
    public sealed record TellAddress(string Address, AddressMessage Message) : ContactEffect($"tell the address ({Message.Kind})");
}
