namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// One entry of a webhook's <c>urlParams</c>: adds <c>{Name}={value}</c> to the call, where the value is a standard
/// field (lower case, e.g. <c>email</c>, <c>external_id</c>), a custom field, or a fixed value.
/// </summary>
public sealed record MaileonWebhookUrlParameter(
    string Name,
    string? StandardContactField = null,
    string? CustomContactField = null,
    string? CustomValue = null)
{
    /// <summary>Fixed values often carry a token, so they are masked.</summary>
    public override string ToString() =>
        $"MaileonWebhookUrlParameter {{ Name = {Name}, StandardContactField = {StandardContactField}, " +
        $"CustomContactField = {CustomContactField}, CustomValue = {(CustomValue is null ? "null" : "***")} }}";
}
