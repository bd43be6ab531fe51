namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Which engagement report a row comes from.</summary>
public enum MaileonTrackingKind
{
    Open,
    Click,
    Bounce,
}
