namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>A webhook call ready to send: the final URL (parameters appended) and the JSON body, if any.</summary>
public sealed record WebhookCall(long Generation, long WebhookId, long AccountId, string Event, long ContactId, string Url, string? Body);
