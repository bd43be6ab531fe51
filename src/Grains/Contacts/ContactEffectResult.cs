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

    /// <summary>The DOI mail was requested (now, or by an earlier attempt whose answer was lost).</summary>
    public sealed record DoiRequested(IReadOnlyList<string> MappingNotes) : ContactEffectResult;

    /// <summary>Maileon already held a confirmed DOI for the address: only the fields were updated, no mail sent.</summary>
    public sealed record DoiAlreadyConfirmed(IReadOnlyList<string> MappingNotes) : ContactEffectResult;

    /// <summary>The person as Pipedrive has it now; null when it no longer exists.</summary>
    public sealed record PersonRead(PersonSnapshot? Person) : ContactEffectResult;
}
