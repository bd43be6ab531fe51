namespace PipedriveMaileon.Grains.Engagement;

/// <summary>What an entry needs in Pipedrive.</summary>
public enum EngagementWriteKind
{
    /// <summary>Written as it is (or deleted by a user, then left alone).</summary>
    None,

    Create,

    Update,

    /// <summary>A create was started and its answer lost: look for the entry's key on the person first, then update or create.</summary>
    FindThenCreate,
}
