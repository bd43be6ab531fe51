using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

/// <summary>A payload to deliver to one webhook; the attempt number is written into it on every try.</summary>
public sealed record WebhookCall(
    long WebhookId,
    long CompanyId,
    string EventId,
    string Event,
    long EntityId,
    string Url,
    string Version,
    string? AuthUser,
    string? AuthPassword,
    JsonObject Payload,
    long Generation)
{
    public bool Duplicate { get; init; }

    public string BodyFor(int attempt)
    {
        var payload = (JsonObject)Payload.DeepClone();
        if (Version == "1.0")
        {
            payload["retry"] = attempt - 1;
        }
        else
        {
            payload["meta"]!["attempt"] = attempt;
        }

        return payload.ToJsonString(Wire.PipedriveResponses.Wire);
    }
}
