using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Answers whether a user may use the company's settings. The installation's status and epoch come from the
/// tenant grain on every call (so an uninstall or re-install ends sessions at once); the user's role comes from
/// Pipedrive with the installation's own token and is reused for the caller's maximum age only. A failed call to
/// Pipedrive answers <see cref="AdminRole.Unknown"/>, never an old "admin".
/// </summary>
[GrainType(GrainTypes.SettingsAccess)]
public sealed partial class SettingsAccessGrain(
    PipedriveApiClient pipedrive,
    TenantConnections connections,
    TimeProvider time,
    ILogger<SettingsAccessGrain> logger) : Grain, ISettingsAccessGrain
{
    private readonly Dictionary<long, KnownRole> roles = [];
    private int rolesEpoch = -1;
    private string? companyName;

    private long CompanyId => this.GetPrimaryKeyLong();

    private ITenantGrain Tenant => GrainFactory.Tenant(CompanyId);

    public async Task<SettingsAccess> Check(long userId, TimeSpan maxAdminAge)
    {
        var connection = await Tenant.GetConnection();
        if (rolesEpoch != connection.InstallationEpoch)
        {
            // A new installation: whatever was known about its users and name is Pipedrive's to say again.
            roles.Clear();
            rolesEpoch = connection.InstallationEpoch;
            companyName = null;
        }

        companyName ??= (await Tenant.GetOverview()).CompanyName;
        var access = new SettingsAccess
        {
            Status = connection.Status,
            InstallationEpoch = connection.InstallationEpoch,
            Role = AdminRole.Unknown,
            CompanyName = companyName,
        };
        if (connection.Status != TenantStatus.Active || connection.PipedriveApiBase is null || connection.PipedriveAccessToken is null)
        {
            return access with { Problem = "The app is not installed for this company right now." };
        }

        var now = time.GetUtcNow();
        if (!roles.TryGetValue(userId, out var known) || now - known.CheckedAt > maxAdminAge || now < known.CheckedAt)
        {
            try
            {
                known = await AskPipedriveAsync(userId, now);
                roles[userId] = known;
            }
            catch (Exception ex) when (ex is ApiClientException or TenantCredentialsException or System.Text.Json.JsonException)
            {
                LogRoleUnknown(CompanyId, userId, (ex as ApiClientException)?.Kind, (ex as ApiClientException)?.StatusCode);
                roles.Remove(userId);
                return access with { Problem = "Pipedrive could not be asked whether you are an admin of this company. Please try again in a minute." };
            }
        }

        return access with { Role = known.Role, UserName = known.UserName, RoleCheckedAt = known.CheckedAt };
    }

    private async Task<KnownRole> AskPipedriveAsync(long userId, DateTimeOffset now)
    {
        var user = await connections.CallPipedriveAsync(CompanyId, pd => pipedrive.GetUserAsync(pd, userId));
        var isAdmin = user is { IsAdmin: true, IsActive: true } && (user.CompanyId is null || user.CompanyId == CompanyId);
        return new KnownRole(isAdmin ? AdminRole.Admin : AdminRole.NotAdmin, user?.Name, now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the role of user {UserId} of company {CompanyId} from Pipedrive ({Kind}, status {Status})")]
    private partial void LogRoleUnknown(long companyId, long userId, ApiFailureKind? kind, int? status);

    private sealed record KnownRole(AdminRole Role, string? UserName, DateTimeOffset CheckedAt);
}
