namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>A double opt-in mail the emulator "sent": what the app asked for and whether the link was followed.</summary>
public sealed class DoiMail
{
    /// <summary>The message id (<c>msg_id</c> in webhooks).</summary>
    public long Id { get; set; }

    public long AccountId { get; set; }
    public long ContactId { get; set; }
    public string Email { get; set; } = string.Empty;

    /// <summary>The <c>doimailing</c> key asked for; null means the account's default DOI mailing.</summary>
    public string? MailingKey { get; set; }

    /// <summary>False when <see cref="MailingKey"/> names no DOI mailing of the account: then no mail goes out.</summary>
    public bool Sent { get; set; }

    public string? Problem { get; set; }
    public string? Src { get; set; }
    public string? SubscriptionPage { get; set; }
    public bool DoiPlus { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>Replaced by a later DOI mail to the same contact, or the contact went away.</summary>
    public bool Superseded { get; set; }

    /// <summary>Random token of the confirmation link (<c>/maileon/doi/{token}</c>).</summary>
    public string Token { get; set; } = string.Empty;
}
