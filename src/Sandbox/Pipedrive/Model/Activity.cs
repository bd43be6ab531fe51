namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>
/// An activity (call, meeting, task, email, ...). <see cref="PersonId"/> is the primary participant; a done activity
/// shows in the person's history, an undone one in its plans.
/// </summary>
public sealed class Activity
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public string Subject { get; set; } = string.Empty;

    /// <summary>The <c>key_string</c> of an activity type.</summary>
    public string Type { get; set; } = "call";

    public long OwnerId { get; set; }
    public long CreatorUserId { get; set; }
    public long? DealId { get; set; }
    public long? PersonId { get; set; }
    public long? OrgId { get; set; }
    public List<ActivityParticipant> Participants { get; set; } = [];

    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public string? DueDate { get; set; }

    /// <summary><c>HH:MM</c>.</summary>
    public string? DueTime { get; set; }

    /// <summary><c>HH:MM</c>.</summary>
    public string? Duration { get; set; }

    public bool Busy { get; set; }
    public bool Done { get; set; }
    public DateTimeOffset? MarkedAsDoneTime { get; set; }

    /// <summary>HTML, as Pipedrive's editor writes it.</summary>
    public string? Note { get; set; }

    public string? PublicDescription { get; set; }
    public int? Priority { get; set; }
    public DateTimeOffset AddTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public bool IsDeleted { get; set; }
}
