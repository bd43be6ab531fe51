using System.Text.Json;
using System.Text.Json.Serialization;

namespace PipedriveMaileon.Web.Installation;

/// <summary>
/// The body of Pipedrive's uninstall call: <c>{"client_id","company_id","user_id","timestamp"}</c>. The id types
/// are not documented, so numbers and numeric strings are both accepted.
/// </summary>
public sealed record UninstallNotice(
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("company_id")] long? CompanyId,
    [property: JsonPropertyName("user_id")] long? UserId,
    [property: JsonPropertyName("timestamp")] string? Timestamp)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        MaxDepth = 8,
    };
}
