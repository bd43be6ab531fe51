using Microsoft.AspNetCore.Authorization;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>The settings routes' requirement: an admin of the session's company, of the installation the session began in.</summary>
public sealed class SettingsAdminRequirement : IAuthorizationRequirement;
