namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A user of a company.</summary>
public sealed class User
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public bool IsAdmin { get; set; }
    public DateTimeOffset Created { get; set; }
}
