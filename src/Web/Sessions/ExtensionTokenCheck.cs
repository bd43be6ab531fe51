namespace PipedriveMaileon.Web.Sessions;

/// <summary>The outcome of <see cref="PipedriveExtensionToken.Verify"/>: the proven company and user, or why the token was refused.</summary>
public sealed record ExtensionTokenCheck(ExtensionTokenProblem? Problem, long CompanyId, long UserId, DateTimeOffset ExpiresAt)
{
    public bool IsValid => Problem is null;

    public static ExtensionTokenCheck Refused(ExtensionTokenProblem problem) => new(problem, 0, 0, default);
}
