using System.Collections.Concurrent;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.GrainTests.Engagement;

/// <summary>The identity seam in memory: per tenant and address, its status and persons.</summary>
public sealed class FakeAddressPersons : ITenantAddressPersons
{
    private readonly ConcurrentDictionary<(long, string), AddressPersons> addresses = new();

    public void Set(long companyId, string email, AddressPersons persons) => addresses[(companyId, EmailAddressKey.Of(email)!)] = persons;

    public Task<AddressPersons> FindAsync(long companyId, string email, string? maileonExternalId) =>
        Task.FromResult(EmailAddressKey.Of(email) is { } key ? addresses.GetValueOrDefault((companyId, key)) ?? AddressPersons.None : AddressPersons.None);
}
