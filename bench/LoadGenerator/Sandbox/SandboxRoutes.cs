namespace PipedriveMaileon.LoadGenerator.Sandbox;

/// <summary>
/// Every control route of the sandbox the bench relies on, in one place. The Maileon routes and the shared request
/// journal exist; the Pipedrive emulator's control routes are being written (branch h/sandbox-pd), so these are the
/// bench's expectation of them: a missing one makes the bench report "n/a", never fail.
/// </summary>
public static class SandboxRoutes
{
    // Shared by both emulators (src/Sandbox/Common): the journal of every emulated API request.
    public const string MaileonJournal = "/_sandbox/maileon/requests";
    public const string PipedriveJournal = "/_sandbox/pipedrive/requests";

    // Maileon emulator control API (src/Sandbox/Maileon/Control).
    public const string MaileonAccounts = "/_sandbox/maileon/accounts";

    // Pipedrive emulator control API (expected).
    public const string PipedriveCompanies = "/_sandbox/pipedrive/companies";
    public const string PipedriveApprove = "/_sandbox/pipedrive/oauth/approve";
    public const string PipedriveWebhooks = "/_sandbox/pipedrive/webhooks";
    public const string PipedriveFields = "/_sandbox/pipedrive/fields";
    public const string PipedrivePersons = "/_sandbox/pipedrive/persons";
    public const string PipedriveUsage = "/_sandbox/pipedrive/usage";
}
