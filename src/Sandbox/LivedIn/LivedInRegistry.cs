using System.Collections.Concurrent;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>The manifests seeded since the sandbox started, by company id (both companies of a fixture name the same one).</summary>
public sealed class LivedInRegistry
{
    private readonly ConcurrentDictionary<long, LivedInManifest> manifests = new();

    public void Remember(LivedInManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var company in manifest.Companies)
        {
            manifests[company.CompanyId] = manifest;
        }
    }

    public LivedInManifest? Find(long companyId) => manifests.GetValueOrDefault(companyId);
}
