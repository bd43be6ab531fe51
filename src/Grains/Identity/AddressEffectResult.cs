using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>What an address's effect found or did, when it succeeded.</summary>
public abstract record AddressEffectResult : EffectResult
{
    /// <summary>Settled without a call: the consent changed since the work was queued.</summary>
    public sealed record NoLongerNeeded : AddressEffectResult;

    /// <summary>The DOI mail was requested (now, or by an earlier attempt whose answer was lost).</summary>
    public sealed record DoiRequested(IReadOnlyList<string> Notes) : AddressEffectResult;

    /// <summary>Maileon already held DOI/DOI+ for the address: only the fields were updated, no mail sent.</summary>
    public sealed record DoiAlreadyConfirmed(IReadOnlyList<string> Notes) : AddressEffectResult;
}
