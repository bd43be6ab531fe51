namespace PipedriveMaileon.Sandbox.Pipedrive.Api;

/// <summary>Calls of one API operation by one company: how many, their token cost, and how many got a 429.</summary>
public sealed class EndpointUsage
{
    public long CompanyId { get; set; }
    public string Endpoint { get; set; } = string.Empty;
    public long Calls { get; set; }
    public long TokenCost { get; set; }
    public long RateLimited { get; set; }
}
