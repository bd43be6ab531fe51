namespace PipedriveMaileon.Sandbox.Maileon.Accounts;

/// <summary>The account a Maileon API request was authenticated for (stored in <see cref="HttpContext.Items"/>).</summary>
public sealed record AuthenticatedAccount(long AccountId, long KeyId)
{
    public static AuthenticatedAccount From(HttpContext context) =>
        context.Items[typeof(AuthenticatedAccount)] as AuthenticatedAccount
        ?? throw new InvalidOperationException("The Maileon API endpoint ran without the authentication filter.");
}
