using System.Globalization;
using System.Text;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>The tenant (Pipedrive company) and its Maileon API key, for one call.</summary>
public sealed class MaileonConnection
{
    public MaileonConnection(long companyId, string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        CompanyId = companyId;
        ApiKey = apiKey;
    }

    public long CompanyId { get; }

    public string ApiKey { get; }

    internal string TenantKey => CompanyId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Maileon's Basic scheme carries the key alone, base64-encoded, without a colon.</summary>
    internal string BasicCredentials => Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey));

    public override string ToString() => $"MaileonConnection {{ CompanyId = {CompanyId}, ApiKey = *** }}";
}
