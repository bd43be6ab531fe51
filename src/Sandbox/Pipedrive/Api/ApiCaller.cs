namespace PipedriveMaileon.Sandbox.Pipedrive.Api;

/// <summary>Who an API request comes from: the company and user the bearer token was issued to.</summary>
public sealed record ApiCaller(long CompanyId, long UserId)
{
    private const string ItemKey = "pipedrive.caller";

    public static ApiCaller From(HttpContext context) =>
        context.Items[ItemKey] as ApiCaller ?? throw new InvalidOperationException("The request was not authenticated.");

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;
}
