using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>What became of one attempt to send a deal event, and what the activity log should say about it.</summary>
/// <param name="Sent">Maileon queued the event (or already had it).</param>
/// <param name="Level">The activity-log level if the outcome is final.</param>
/// <param name="PersonId">The person the event was for, when known.</param>
/// <param name="LearnedSmartBccEmail">The deal's Smart BCC address when it was read from Pipedrive for this attempt.</param>
public sealed record DealSendResult(EffectOutcome Outcome, bool Sent, ActivityLevel Level, long? PersonId, string? LearnedSmartBccEmail = null);
