namespace PipedriveMaileon.LoadGenerator.Sandbox;

/// <summary>
/// Every control route of the sandbox the bench relies on, in one place. The Maileon routes and the shared request
/// journal exist;
/// a missing route makes the bench report "n/a", never fail.
/// </summary>
public static class SandboxRoutes
{
    // Shared by both emulators (src/Sandbox/Common): the journal of every emulated API request.
    public const string MaileonJournal = "/_sandbox/maileon/requests";
    public const string PipedriveJournal = "/_sandbox/pipedrive/requests";

    // Maileon emulator control API (src/Sandbox/Maileon/Control).
    public const string MaileonAccounts = "/_sandbox/maileon/accounts";
    public const string MaileonTransactions = "/_sandbox/maileon/transactions";

    // Pipedrive emulator control API (src/Sandbox/Pipedrive/Control): companies/{id}/persons and /fields hang below companies.
    public const string PipedriveCompanies = "/_sandbox/pipedrive/companies";
    public const string PipedriveApprove = "/_sandbox/pipedrive/oauth/approve";
    public const string PipedriveCounters = "/_sandbox/pipedrive/counters";
}
