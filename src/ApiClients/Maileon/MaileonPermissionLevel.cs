namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Maileon's numeric permission codes (the <c>permission</c> query parameter and <c>&lt;permission&gt;</c>).</summary>
public enum MaileonPermissionLevel
{
    None = 1,
    SingleOptIn = 2,
    ConfirmedOptIn = 3,
    DoubleOptIn = 4,
    DoubleOptInPlus = 5,
    Other = 6,
}
