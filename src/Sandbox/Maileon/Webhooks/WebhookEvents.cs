namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>The webhook events Maileon knows and the fields a webhook may ask for.</summary>
public static class WebhookEvents
{
    public const string Doi = "doi";
    public const string Unsubscription = "unsubscription";
    public const string Bounce = "bounce";

    public static readonly IReadOnlyList<string> All = [Doi, Unsubscription, Bounce, "filtered", "contact_field_change"];

    /// <summary>Event fields from the PHP client and the docs' examples.</summary>
    public static readonly IReadOnlyList<string> EventFields =
        ["timestamp", "msg_id", "transaction_id", "method", "source", "property", "old_value", "new_value", "mailing_id", "reason"];

    /// <summary>Contact fields addressable by <c>standard_contact_field</c> / <c>standardFields</c> (lower-case).</summary>
    public static bool IsContactField(string name) =>
        name is "email" or "external_id" or "id"
        || Contacts.StandardFields.All.Contains(name.ToUpperInvariant(), StringComparer.Ordinal);
}
