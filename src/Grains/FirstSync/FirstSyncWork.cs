namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// The first sync has no side effects of its own (it hands each address's decision to the address's grain); the outbox
/// base is used for its durable state and activity journal only, so this work type never occurs.
/// </summary>
public sealed class FirstSyncWork;
