using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>A user from <c>GET /api/v1/users/me</c> (with company fields) or <c>GET /api/v1/users/{id}</c>.</summary>
public sealed record PipedriveUser(
    long Id,
    string? Name,
    string? Email,
    bool IsAdmin,
    bool IsActive,
    long? CompanyId,
    string? CompanyName,
    string? CompanyDomain,
    string? CompanyCountry,
    string? Locale,
    string? TimezoneName)
{
    internal static PipedriveUser Parse(JsonElement data) => new(
        Id: JsonValues.Int64(data, "id") ?? throw new JsonException("The user has no id."),
        Name: JsonValues.String(data, "name"),
        Email: JsonValues.String(data, "email"),
        IsAdmin: ReadIsAdmin(data),
        IsActive: JsonValues.Boolean(data, "active_flag") ?? true,
        CompanyId: JsonValues.Int64(data, "company_id"),
        CompanyName: JsonValues.String(data, "company_name"),
        CompanyDomain: JsonValues.String(data, "company_domain"),
        CompanyCountry: JsonValues.String(data, "company_country"),
        Locale: JsonValues.String(data, "locale"),
        TimezoneName: JsonValues.String(data, "timezone_name"));

    // The admin flag appears as the legacy is_admin (0/1) or as access[].admin for the "global" or "sales" app.
    private static bool ReadIsAdmin(JsonElement data)
    {
        if (JsonValues.Boolean(data, "is_admin") is { } legacy)
        {
            return legacy;
        }

        return JsonValues.Array(data, "access").Any(access =>
            JsonValues.String(access, "app") is "global" or "sales" && JsonValues.Boolean(access, "admin") == true);
    }
}
