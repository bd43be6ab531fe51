namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>The verdict of a webhook parser.</summary>
public enum WebhookParseStatus
{
    /// <summary>A valid webhook for something we synchronise: the result carries the event.</summary>
    Parsed,

    /// <summary>A valid webhook about something we do not synchronise (answer 2xx, do nothing).</summary>
    Ignored,

    /// <summary>Malformed or inconsistent input (answer 400); the result carries a human-readable reason.</summary>
    Rejected,
}
