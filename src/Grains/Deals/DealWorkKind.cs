namespace PipedriveMaileon.Grains.Deals;

/// <summary>Which contact event a deal webhook becomes.</summary>
public enum DealWorkKind
{
    /// <summary><c>pipedrive_deal_added</c>.</summary>
    Added,

    /// <summary><c>pipedrive_deal_updated</c>.</summary>
    Updated,

    /// <summary><c>pipedrive_deal_deleted</c> (from the webhook's <c>previous</c> state).</summary>
    Deleted,
}
