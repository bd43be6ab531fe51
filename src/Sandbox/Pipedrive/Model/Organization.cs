namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>An organization of a company.</summary>
public sealed class Organization
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public string Name { get; set; } = string.Empty;
    public long OwnerId { get; set; }
    public DateTimeOffset AddTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public bool IsDeleted { get; set; }
}
