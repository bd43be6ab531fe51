using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// Every installed (and uninstalled) company's webhook credential hashes, in this web node's memory: the only thing a
/// webhook is checked against before its body is read, so refusing one costs neither a grain call nor a database
/// query. Filled from <c>tenant_ingress</c> by <see cref="TenantDirectoryRefresher"/>; as current as its last read.
/// </summary>
public sealed class TenantCredentialDirectory
{
    private readonly ConcurrentDictionary<long, TenantIngressEntry> entries = new();
    private volatile bool loaded;

    /// <summary>True once the whole table has been read.</summary>
    public bool IsLoaded => loaded;

    public int Count => entries.Count;

    public CredentialCheck CheckPipedrive(long companyId, string? basicCredentials) =>
        Check(companyId, basicCredentials, static e => e.PipedriveCredentialHash);

    public CredentialCheck CheckMaileon(long companyId, string? token) =>
        Check(companyId, token, static e => e.MaileonTokenHash);

    /// <summary>The <c>user:password</c> of a Basic <c>Authorization</c> header; null when there is none or it cannot be read.</summary>
    public static string? BasicCredentials(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Applies rows read from the table; the first call must hold the whole table.</summary>
    public void Apply(IEnumerable<TenantIngressEntry> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        foreach (var entry in changed)
        {
            entries[entry.CompanyId] = entry;
        }

        loaded = true;
    }

    private CredentialCheck Check(long companyId, string? supplied, Func<TenantIngressEntry, byte[]?> hashOf)
    {
        if (!loaded)
        {
            return CredentialCheck.NotReady;
        }

        // Hashed whether or not the company is known: an unknown id takes as long to refuse as a wrong password.
        var entry = entries.GetValueOrDefault(companyId);
        if (!WebhookCredentialHash.Matches(entry is null ? null : hashOf(entry), supplied))
        {
            return CredentialCheck.Refused;
        }

        return entry!.Installed ? CredentialCheck.Accepted : CredentialCheck.Gone;
    }
}
