namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A note (HTML content) attached to a person, deal and/or organization, shown on their timelines.</summary>
public sealed class Note
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public long UserId { get; set; }
    public long LastUpdateUserId { get; set; }
    public string Content { get; set; } = string.Empty;
    public long? PersonId { get; set; }
    public long? DealId { get; set; }
    public long? OrgId { get; set; }
    public bool PinnedToPerson { get; set; }
    public bool PinnedToDeal { get; set; }
    public bool PinnedToOrganization { get; set; }
    public DateTimeOffset AddTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
}
