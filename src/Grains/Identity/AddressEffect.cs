using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// One call an address's outbox entry becomes (<see cref="AddressOutboxRules.Plan"/>): <see cref="AddressEffectHandler"/>
/// performs the Maileon calls, <see cref="AddressGrain"/> sends the notices to persons itself.
/// </summary>
/// <param name="What">How the activity log names the effect.</param>
public abstract record AddressEffect(string What)
{
    /// <summary>
    /// Create the contact (ours: external id, <c>createdByPipedrive</c>, <c>pipedriveId</c>) or update an existing one
    /// (no permission, no external id), and start double opt-in unless the address already holds DOI/DOI+.
    /// </summary>
    /// <param name="Source">The DOI's <c>src</c>: company and who asked.</param>
    /// <param name="StartedAt">When the first attempt started: a contact Maileon changed since may be that attempt's work.</param>
    /// <param name="CheckFirst">An earlier attempt may have reached Maileon (also one made before a hand-over).</param>
    public sealed record StartDoubleOptIn(string Email, PersonSnapshot Person, string Source, DateTimeOffset? StartedAt, bool CheckFirst) : AddressEffect("StartDoubleOptIn");

    public sealed record Unsubscribe(string Email) : AddressEffect("Unsubscribe");

    /// <summary>Delete the contact in Maileon (GDPR erasure).</summary>
    public sealed record Erase(string Email) : AddressEffect("Erase");

    /// <summary>Tell one person of the address what to show and record.</summary>
    public sealed record Notify(long PersonId, AddressNotice Notice) : AddressEffect($"notify person {PersonId}");
}
