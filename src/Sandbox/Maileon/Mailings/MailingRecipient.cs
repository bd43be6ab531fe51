namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>One message of a sendout: the contact it went to and its message id (<c>msg_id</c> in reports and webhooks).</summary>
public sealed class MailingRecipient
{
    public long ContactId { get; set; }
    public long MessageId { get; set; }

    /// <summary>The permission the contact held when the mail went out.</summary>
    public int Permission { get; set; }
}
