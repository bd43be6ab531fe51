using Microsoft.AspNetCore.Authorization;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// The requirement of the settings routes — an admin of the session's company, of the installation the session began
/// in — and, with <see cref="AdminOnly"/> false, of the person panel, which every user of the company may see.
/// </summary>
public sealed class SettingsAdminRequirement(bool adminOnly = true) : IAuthorizationRequirement
{
    public bool AdminOnly { get; } = adminOnly;
}
