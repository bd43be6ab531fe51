using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>
/// One tenant's engagement poll (key: company id): while the setting is on, a reminder reads Maileon's opens, clicks
/// and hard-bounce reports from a checkpoint each, within a share of the tenant's daily Pipedrive budget, and hands
/// every row to the persons whose primary address it concerns (<see cref="IPersonEngagementGrain"/>).
/// </summary>
public interface IEngagementGrain : IGrainWithIntegerKey
{
    /// <summary>The setting and the poll's progress; answers while a run is in progress.</summary>
    [AlwaysInterleave]
    Task<EngagementView> GetView();

    /// <summary>Stores the setting (an admin saved it): switching on schedules the poll, switching off stops it.</summary>
    Task Configure(EngagementChoice choice, long actingUserId);

    /// <summary>Starts a run in a few seconds (Maileon's bounce webhook: a burst makes one run), or after the one in progress; returns at once.</summary>
    Task PollSoon();

    /// <summary>Starts a run now, or right after the one in progress ("Read Maileon's reports now"); returns at once.</summary>
    Task PollNow();

    /// <summary>Stops the poll and forgets the checkpoints (on uninstall).</summary>
    Task Stop();
}
