namespace PipedriveMaileon.ApiClients.Maileon;

public enum MaileonUnsubscribeResult
{
    /// <summary>Maileon accepted the unsubscribe (it anonymises the contact asynchronously).</summary>
    Unsubscribed,

    /// <summary>404: no such contact, e.g. already unsubscribed and anonymised. Nothing left to do.</summary>
    NotFound,
}
