using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.FirstSync;

/// <summary>
/// One tenant's first sync (key: company id): once setup succeeded for an installation and a Maileon account it reads
/// every person and what Maileon holds, shows a preview, and after an admin confirms applies it at a pace that leaves
/// most of the company's Pipedrive budget alone. Resumes after a crash.
/// </summary>
public interface IFirstSyncGrain : IGrainWithIntegerKey
{
    /// <summary>Setup succeeded: starts the scan unless this installation and account had their first sync already. Idempotent.</summary>
    Task Prepare(FirstSyncTrigger trigger);

    /// <summary>The app was uninstalled: a first sync in progress stops, and the next setup (a re-install) starts a new one.</summary>
    Task Stop();

    /// <summary>An admin confirmed the preview: the run starts.</summary>
    Task Confirm(long userId);

    Task Pause(long userId);

    Task Resume(long userId);

    [AlwaysInterleave]
    Task<FirstSyncView> GetView();
}
