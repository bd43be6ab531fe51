namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// Reconciliation has no side effects of its own (it hands what it finds to the persons' grains); the outbox base
/// is used for its durable activity journal only, so this work type never occurs.
/// </summary>
public sealed class ReconciliationWork;
