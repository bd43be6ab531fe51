using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Web.Installation;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// Reads the settings session of a request, from (in this order) Pipedrive's signed iframe token on the settings
/// page's entry points, the ticket a page sends in the <c>X-PM-Session</c> header or its form's <c>__session</c>
/// field, and — for reading requests only — the ticket in the <c>__session</c> query parameter or the standalone
/// sign-in cookie. A state-changing request is never authenticated by a cookie or a URL: the ticket in the form or
/// header is what a cross-site page cannot know, so it doubles as the antiforgery token, and it needs no cookie,
/// which a browser blocking third-party cookies would not send into Pipedrive's iframe.
/// </summary>
public sealed partial class SettingsSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionTickets tickets,
    IOptions<PipedriveAppOptions> pipedrive,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string HeaderName = "X-PM-Session";
    public const string FieldName = "__session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!SessionRequests.IsSettingsPath(Request.Path))
        {
            return AuthenticateResult.NoResult();
        }

        if (SessionRequests.IsEntryPoint(Request) && Request.Query.ContainsKey("token"))
        {
            return FromPipedriveToken();
        }

        var ticket = Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(ticket) && Request.HasFormContentType)
        {
            ticket = await FormFieldAsync();
        }

        if (string.IsNullOrEmpty(ticket) && SessionRequests.IsReading(Request))
        {
            ticket = Request.Query[FieldName].ToString();
            if (string.IsNullOrEmpty(ticket) && Request.Cookies[SessionAuthentication.CookieName] is { Length: > 0 } cookie)
            {
                ticket = cookie;
                SessionRequests.MarkFromCookie(Context);
            }
        }

        if (string.IsNullOrEmpty(ticket))
        {
            return AuthenticateResult.NoResult();
        }

        // Every ticket we issue names its installation epoch; only a sign-in from Pipedrive's token starts without one.
        if (tickets.Read(ticket) is not { InstallationEpoch: not null } session)
        {
            SessionRequests.SetFailure(Context, SessionFailure.TicketExpired);
            return AuthenticateResult.Fail("The session ticket is invalid or has expired.");
        }

        return Success(session);
    }

    /// <summary>The ticket field of a posted form; a form that cannot be read carries none (the request is then refused).</summary>
    private async Task<string> FormFieldAsync()
    {
        try
        {
            return (await Request.ReadFormAsync(Context.RequestAborted))[FieldName].ToString();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return string.Empty;
        }
    }

    private AuthenticateResult FromPipedriveToken()
    {
        var query = Request.Query;
        var check = PipedriveExtensionToken.Verify(query["token"].ToString(), pipedrive.Value.ExtensionTokenSecret, time.GetUtcNow());
        if (check.IsValid && (!Matches(query["companyId"], check.CompanyId) || !Matches(query["userId"], check.UserId)))
        {
            check = ExtensionTokenCheck.Refused(ExtensionTokenProblem.OtherCompanyOrUser);
        }

        if (!check.IsValid)
        {
            LogTokenRefused(Logger, check.Problem!.Value);
            SessionRequests.SetFailure(Context, SessionFailure.PipedriveTokenRefused);
            return AuthenticateResult.Fail($"Pipedrive's iframe token was refused: {check.Problem}.");
        }

        var extensionId = query["id"].ToString();
        return Success(new TenantSession(
            check.CompanyId,
            check.UserId,
            InstallationEpoch: null,
            AuthenticatedAt: time.GetUtcNow(),
            SessionSource.PipedriveExtension,
            ExtensionIdPattern().IsMatch(extensionId) ? extensionId : "settings",
            query["theme"] == "dark" ? "dark" : "light"));
    }

    private AuthenticateResult Success(TenantSession session) =>
        AuthenticateResult.Success(new AuthenticationTicket(session.ToPrincipal(), Scheme.Name));

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues value, long expected) =>
        long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == expected;

    /// <summary>The SDK's identifier of the iframe instance (a UUID in practice).</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial Regex ExtensionIdPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a Pipedrive iframe token: {Problem}")]
    private static partial void LogTokenRefused(ILogger logger, ExtensionTokenProblem problem);
}
