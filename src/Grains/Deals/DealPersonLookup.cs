using Microsoft.Extensions.Caching.Memory;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Finds a deal event's person without paying Pipedrive for what the app already knows. A deal's webhook names only
/// the person's id; the person's own grain has usually seen the name and address in the person's webhooks (events go
/// only to Maileon contacts, and contacts are persons the app synced). Only a person that grain has not seen is read
/// from Pipedrive, and that answer (found or not) is kept <see cref="Lifetime"/> per silo, at most
/// <see cref="MaxKept"/> small entries for all tenants together.
/// </summary>
public sealed class DealPersonLookup(TenantConnections tenants, PipedriveApiClient pipedrive, IGrainFactory grains) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    public const int MaxKept = 50_000;

    private readonly MemoryCache read = new(new MemoryCacheOptions { SizeLimit = MaxKept });

    /// <summary>The person, or null when it no longer exists in Pipedrive.</summary>
    public async Task<DealPerson?> FindAsync(long companyId, long personId, CancellationToken cancellationToken)
    {
        var key = (companyId, personId);
        if (read.TryGetValue(key, out DealPerson? kept))
        {
            return kept;
        }

        var known = await grains.Contact(companyId, personId).GetKnownPerson();
        if (known.Known)
        {
            return new DealPerson(known.Name, known.PrimaryEmail);
        }

        var person = await tenants.CallPipedriveAsync(companyId, c => pipedrive.GetPersonAsync(c, personId, cancellationToken));
        var found = person is null ? null : new DealPerson(person.Name, person.PrimaryEmail);
        read.Set(key, found, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return found;
    }

    public void Dispose() => read.Dispose();
}
