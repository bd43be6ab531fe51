namespace PipedriveMaileon.Grains.Deals;

/// <summary>What <see cref="DealEventOrdering"/> remembers about a deal's events (part of the stored state).</summary>
public sealed class DealOrderingState
{
    /// <summary>The most recent event ids, oldest first, at most <see cref="DealEventOrdering.RememberedEvents"/>.</summary>
    public List<string> RecentEventIds { get; set; } = [];

    /// <summary>The latest source timestamp of an event that was applied.</summary>
    public DateTimeOffset? LastAppliedAt { get; set; }

    /// <summary>A create was applied (a second one is a replay).</summary>
    public bool CreateApplied { get; set; }

    /// <summary>When the deal was deleted; events not newer than this are ignored.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}
