namespace PipedriveMaileon.Grains.Interfaces.FirstSync;

/// <summary>Where a tenant's first sync stands.</summary>
public enum FirstSyncPhase
{
    /// <summary>No first sync was asked for (setup has not succeeded yet).</summary>
    None,

    /// <summary>Reading the company's persons, page by page.</summary>
    Scanning,

    /// <summary>Reading what the Maileon account holds (contacts, unsubscriptions) and deciding each person.</summary>
    Deciding,

    /// <summary>The preview is ready: nothing was sent; an admin confirms to run it.</summary>
    Ready,

    /// <summary>Running, at its pace.</summary>
    Running,

    /// <summary>Paused by an admin.</summary>
    Paused,

    /// <summary>The day's share of the Pipedrive token budget is spent: it continues after the budget resets.</summary>
    WaitingForBudget,

    Done,

    /// <summary>A step failed in a way retrying did not fix; <see cref="FirstSyncView.Problem"/> says why.</summary>
    Failed,
}
