namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>A tracked link of a mailing (<c>link_id</c>, <c>link_url</c> in the clicks report).</summary>
public sealed class MailingLink
{
    public long Id { get; set; }
    public string Url { get; set; } = string.Empty;
}
