using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>What a person's effect found or did, when it succeeded.</summary>
public abstract record ContactEffectResult : EffectResult
{
    /// <summary>The work was settled without a call: the subscription changed since it was queued.</summary>
    public sealed record NoLongerNeeded : ContactEffectResult;

    /// <summary>The contact was saved in Maileon; <paramref name="MappingNotes"/> tell what was cut or left out.</summary>
    public sealed record ContactSaved(IReadOnlyList<string> MappingNotes) : ContactEffectResult;

    /// <summary>No active contact has the address (unsubscribed and anonymised, or never made): nothing was written.</summary>
    public sealed record ContactGone : ContactEffectResult;

    /// <summary>The person as Pipedrive has it now; null when it no longer exists.</summary>
    public sealed record PersonRead(PersonSnapshot? Person) : ContactEffectResult;
}
