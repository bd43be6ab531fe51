namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>The result of a mailing operation: an error (status and message) or the mailing and how many items it touched.</summary>
public sealed record MailingOutcome(int Status, string? Error, long? MailingId = null, int Count = 0)
{
    public bool Failed => Error is not null;

    public static MailingOutcome Fail(int status, string message) => new(status, message);
}
