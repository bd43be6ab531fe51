namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>
/// A mailing of a newsletter account. Created as a <c>draft</c>; a sendout (control API or console) seals it
/// (state <c>done</c>) with one message per recipient, after which opens, clicks and bounces can be recorded for
/// those recipients.
/// </summary>
public sealed class Mailing
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Subject { get; set; } = string.Empty;

    /// <summary><c>regular</c>, <c>doi</c> or <c>trigger</c> (docs: "Create Mailing").</summary>
    public string Type { get; set; } = MailingStates.RegularType;

    /// <summary>One of <see cref="MailingStates.All"/>; <c>draft</c> until sent, <c>done</c> after.</summary>
    public string State { get; set; } = MailingStates.Draft;

    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Tracked links, numbered when first named (in the sendout or by a click).</summary>
    public List<MailingLink> Links { get; set; } = [];

    public List<MailingRecipient> Recipients { get; set; } = [];

    public bool IsSealed => State != MailingStates.Draft;
}
