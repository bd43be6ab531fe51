namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>Thrown inside the parsers when a value cannot be used; caught at their entry and turned into a rejection.</summary>
internal sealed class WebhookFormatException(string message) : Exception(message);
