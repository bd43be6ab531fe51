using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>What recording a delivery changed, and the Pipedrive tokens of the writes it queued.</summary>
public readonly record struct PersonEngagementChange(bool Changed, int Cost) : IStateChange;
