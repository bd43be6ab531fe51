namespace PipedriveMaileon.Grains.Engagement;

/// <summary>One outbox entry of a person's engagement. Plain data, stored in the grain state.</summary>
public sealed class PersonEngagementWork
{
    public PersonEngagementWorkKind Kind { get; set; }

    /// <summary>The mailing whose entry is written (<see cref="PersonEngagementWorkKind.WriteEntry"/>).</summary>
    public long MailingId { get; set; }

    /// <summary>Where a new entry goes (an existing entry keeps its target).</summary>
    public EngagementTarget Target { get; set; }
}
