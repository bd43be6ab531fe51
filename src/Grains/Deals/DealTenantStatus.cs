namespace PipedriveMaileon.Grains.Deals;

/// <summary>What a deal grain needs to know about its tenant before it records or sends an event.</summary>
/// <param name="Problem">When not configured: why, for the activity log.</param>
public sealed record DealTenantStatus(bool Configured, bool DealEventsEnabled, string? Problem);
