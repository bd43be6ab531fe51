using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>A consent-ledger entry an address hands to each person it concerns (the ledger is kept per person).</summary>
[GenerateSerializer, Immutable, Alias("pm.LedgerLine")]
public sealed record LedgerLine
{
    [Id(0)] public required SubscriptionStatus From { get; init; }
    [Id(1)] public required SubscriptionStatus To { get; init; }
    [Id(2)] public required string Detail { get; init; }
    [Id(3)] public required string Actor { get; init; }
    [Id(4)] public required string Source { get; init; }
    [Id(5)] public DateTimeOffset At { get; init; }
    [Id(6)] public string? MaileonOutcome { get; init; }
}
