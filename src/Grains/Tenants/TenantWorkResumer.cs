using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// After a tenant is reconnected (re-authorised, re-installed, settings saved): puts the work of all its grains that
/// waits for credentials back in line at once, and the work that was parked (the outbox parked everything before
/// waiting for credentials was told apart, and a person may have fixed the cause meanwhile). The tenant's grains are
/// found by <see cref="ITenantWorkIndex"/>, so no grain is activated that has nothing to do.
/// </summary>
public sealed class TenantWorkResumer(IGrainFactory grains, ITenantWorkIndex index, IEnumerable<OutboxRegistration> outboxes)
{
    private const int Parallel = 8;

    private readonly Dictionary<string, OutboxRegistration> byState = outboxes.ToDictionary(o => o.GrainType);

    /// <summary>Returns how many entries were resumed and how many unparked.</summary>
    public async Task<(int Resumed, int Unparked)> ResumeAsync(long companyId, CancellationToken cancellationToken)
    {
        var waiting = (await index.WithWorkAsync(companyId, cancellationToken))
            .Where(g => g.StateName != GrainTypes.Tenant && byState.ContainsKey(g.StateName))
            .Select(g => byState[g.StateName].ToGrainId(g.KeyN1, g.KeyExtension))
            .ToList();
        var resumed = await SumAsync(waiting, id => grains.GetGrain<IOutboxParticipant>(id).ResumeWaiting());

        var (persons, deals) = await index.WithFailuresAsync(companyId, cancellationToken);
        var unparked = await SumAsync(persons, id => grains.Contact(companyId, id).RetryParked())
            + await SumAsync(deals, id => grains.Deal(companyId, id).RetryParked());
        return (resumed, unparked);
    }

    private static async Task<int> SumAsync<T>(IEnumerable<T> items, Func<T, Task<int>> call)
    {
        var total = 0;
        foreach (var chunk in items.Chunk(Parallel))
        {
            total += (await Task.WhenAll(chunk.Select(call))).Sum();
        }

        return total;
    }
}
