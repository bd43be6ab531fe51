using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A deal.</summary>
public sealed class Deal
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public string Title { get; set; } = string.Empty;
    public decimal Value { get; set; }
    public string Currency { get; set; } = "EUR";
    public string Status { get; set; } = "open";
    public long? PersonId { get; set; }
    public long? OrgId { get; set; }
    public long OwnerId { get; set; }
    public long CreatorUserId { get; set; }
    public long PipelineId { get; set; } = 1;
    public long StageId { get; set; } = 1;
    public int VisibleTo { get; set; } = 3;
    public DateTimeOffset AddTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public DateTimeOffset? CloseTime { get; set; }
    public DateTimeOffset? WonTime { get; set; }
    public DateTimeOffset? LostTime { get; set; }
    public string? ExpectedCloseDate { get; set; }
    public bool IsDeleted { get; set; }
    public Dictionary<string, JsonNode?> CustomFields { get; set; } = new(StringComparer.Ordinal);
}
