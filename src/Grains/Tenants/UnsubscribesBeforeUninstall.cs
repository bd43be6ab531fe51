using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Before an uninstall deletes the Maileon key: the unsubscribes still owed to Maileon go out first, or Maileon would
/// go on mailing people who asked to stop. They are first in their addresses' outboxes (an unsubscribe overtakes other
/// work), so putting the waiting ones back in line and waiting for the lines to empty is enough; the wait is bounded.
/// The persons are found by <see cref="ITenantWorkIndex"/> (outbox work not done, or a failure recorded lately).
/// </summary>
public sealed class UnsubscribesBeforeUninstall(IGrainFactory grains, ITenantWorkIndex index, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public async Task<UninstallReport> SendAsync(long companyId, TimeSpan budget, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + budget;
        var withWork = await index.WithWorkAsync(companyId, cancellationToken);
        var (failed, _) = await index.WithFailuresAsync(companyId, cancellationToken);
        var persons = withWork.Where(g => g.StateName == GrainTypes.Contact).Select(g => g.KeyN1).Concat(failed).Distinct().ToList();
        var addresses = withWork.Where(g => g.StateName == GrainTypes.Address && g.KeyExtension is not null).Select(g => g.KeyExtension!).ToList();
        var pending = await PendingAsync(companyId, persons, addresses);
        var before = pending.Count;
        if (pending.Any(p => !p.Parked))
        {
            await ResumeAsync(companyId, pending.Where(p => !p.Parked));
        }

        while (pending.Any(p => !p.Parked) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(Poll, time, cancellationToken);
            pending = [.. pending.Where(p => p.Parked), .. await PendingAsync(companyId, [], pending.Where(p => !p.Parked).Select(p => Key(p.Email)))];
        }

        // Parked ones stay parked (unparking would also wake the address's other work), so what left the lines was sent.
        return new UninstallReport(Math.Max(0, before - pending.Count), pending);
    }

    /// <summary>An unsubscribe is its address's work (one per address however many persons share it); a person names its address.</summary>
    private async Task<List<PendingUnsubscribe>> PendingAsync(long companyId, IEnumerable<long> persons, IEnumerable<string> addresses)
    {
        var found = new List<PendingUnsubscribe>();
        foreach (var chunk in persons.Chunk(16))
        {
            found.AddRange((await Task.WhenAll(chunk.Select(id => grains.Contact(companyId, id).PendingUnsubscribes()))).SelectMany(p => p));
        }

        var asked = found.Select(p => Key(p.Email)).ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in addresses.Distinct(StringComparer.Ordinal).Where(a => !asked.Contains(a)).Chunk(16))
        {
            found.AddRange((await Task.WhenAll(chunk.Select(address => grains.Address(companyId, address).PendingUnsubscribes()))).SelectMany(p => p));
        }

        return [.. found.DistinctBy(p => (Key(p.Email), p.Parked, p.LastError))];
    }

    private Task ResumeAsync(long companyId, IEnumerable<PendingUnsubscribe> unsubscribes) =>
        Task.WhenAll(unsubscribes.Select(p => Key(p.Email)).Distinct(StringComparer.Ordinal)
            .Select(address => grains.Address(companyId, address).AsReference<IOutboxParticipant>().ResumeWaiting()));

    private static string Key(string email) => EmailAddressKey.Of(email) ?? email;

    /// <summary>
    /// After the uninstall: the unsubscribes that could not be sent are tried once more at once and fail now that the key
    /// is gone; parked, they are recorded in the person's consent ledger, and a re-install puts them back in line.
    /// </summary>
    public Task SettleUnsentAsync(long companyId, UninstallReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ResumeAsync(companyId, report.NotSent.Where(p => !p.Parked));
    }
}
