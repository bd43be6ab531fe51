namespace PipedriveMaileon.Web.Observability;

/// <summary>Where a webhook came from (the <c>source</c> label).</summary>
public enum WebhookSource
{
    Pipedrive,
    Maileon,
}
