namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>The result of a contact operation: an error (status and message) or the contact it concerned.</summary>
public sealed record ContactOutcome(int Status, string? Error, long? ContactId = null, bool Created = false, bool Ignored = false, long? DoiMailId = null)
{
    public bool Failed => Error is not null;

    public static ContactOutcome Fail(int status, string message) => new(status, message);
}
