using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// Checks <see cref="SettingsAdminRequirement"/> on every request: the installation must be active and still the one
/// the session began in, and (except on the person panel) the user an admin as Pipedrive says (answers reused for
/// <see cref="SettingsSessionOptions.AdminRecheck"/> by <see cref="ISettingsAccessGrain"/>). Nothing the browser
/// sends decides the role.
/// </summary>
public sealed class SettingsAdminHandler(IClusterClient cluster, SessionTickets tickets, IOptions<SettingsSessionOptions> options)
    : AuthorizationHandler<SettingsAdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SettingsAdminRequirement requirement)
    {
        if (context.Resource is not HttpContext http || TenantSession.From(context.User) is not { } session)
        {
            return;
        }

        var access = await cluster.SettingsAccess(session.CompanyId).Check(session.UserId, options.Value.AdminRecheck);
        var failure = access switch
        {
            { Status: TenantStatus.NeedsReauthorization } => SessionFailure.NeedsReauthorization,
            { Status: not TenantStatus.Active } => SessionFailure.NotInstalled,
            _ when session.InstallationEpoch is { } epoch && epoch != access.InstallationEpoch => SessionFailure.SessionEnded,
            { Role: AdminRole.NotAdmin } when requirement.AdminOnly => SessionFailure.NotAdmin,
            { Role: AdminRole.Unknown } when requirement.AdminOnly => SessionFailure.RoleUnknown,
            _ => SessionFailure.None,
        };
        var feature = new SettingsSessionFeature(session, access, tickets) { Granted = failure == SessionFailure.None };
        http.Features.Set(feature);
        if (failure == SessionFailure.None)
        {
            context.Succeed(requirement);
        }
        else
        {
            SessionRequests.SetFailure(http, failure);
            context.Fail(new AuthorizationFailureReason(this, failure.ToString()));
        }
    }
}
