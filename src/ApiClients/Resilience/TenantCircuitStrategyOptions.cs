using Polly;

namespace PipedriveMaileon.ApiClients.Resilience;

/// <summary>Options of <see cref="TenantCircuitStrategy"/> (its settings come from <see cref="ApiResilienceOptions"/>).</summary>
internal sealed class TenantCircuitStrategyOptions : ResilienceStrategyOptions
{
    public TenantCircuitStrategyOptions() => Name = "tenant-circuit";
}
