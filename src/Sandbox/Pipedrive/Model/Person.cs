using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A person. <see cref="CustomFields"/> holds API v2 values (enum: option id; set: array of ids; text: string).</summary>
public sealed class Person
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public long OwnerId { get; set; }
    public long? OrgId { get; set; }
    public List<ContactValue> Emails { get; set; } = [];
    public List<ContactValue> Phones { get; set; } = [];
    public int VisibleTo { get; set; } = 3;
    public List<long> LabelIds { get; set; } = [];
    public DateTimeOffset AddTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public bool IsDeleted { get; set; }
    public Dictionary<string, JsonNode?> CustomFields { get; set; } = new(StringComparer.Ordinal);

    public string? PrimaryEmail => (Emails.FirstOrDefault(e => e.Primary) ?? Emails.FirstOrDefault())?.Value;
}
