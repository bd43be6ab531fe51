namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The tenant's engagement poller has no side effects of its own (it hands rows to the persons' grains, whose outboxes
/// write to Pipedrive); its outbox is used for its durable state and activity journal only, so this type never occurs.
/// </summary>
public sealed class EngagementWork;
