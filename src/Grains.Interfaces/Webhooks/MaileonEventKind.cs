namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>The Maileon webhooks the app registers (route segment <c>doi</c> or <c>unsubscription</c>).</summary>
public enum MaileonEventKind
{
    DoiConfirmed,
    Unsubscribed,
}
