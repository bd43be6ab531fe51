namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>A person's engagement as the panel shows it.</summary>
[GenerateSerializer, Immutable, Alias("pm.PersonEngagementView")]
public sealed record PersonEngagementView
{
    [Id(0)] public IReadOnlyList<MailingEngagementView> Mailings { get; init; } = [];
    [Id(1)] public int PendingWrites { get; init; }
    [Id(2)] public int ParkedWrites { get; init; }
    [Id(3)] public string? LastError { get; init; }
}
