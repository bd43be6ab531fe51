using System.Globalization;
using System.Text.Json;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// The parts of a Pipedrive webhook's <c>meta</c> both versions share (the company check, the event id, names and
/// attempt numbers), and the event built from a parsed envelope. Each reader throws <see cref="WebhookFormatException"/>
/// naming the property, which <see cref="PipedriveWebhookParser"/> turns into a rejection.
/// </summary>
internal static class PipedriveWebhookMeta
{
    public const int MaxEventIdLength = 128;

    public static PipedriveWebhookParseResult Build(PipedriveEventMeta meta, JsonElement? current, string currentPath, JsonElement? previous, string previousPath)
    {
        if (meta.Entity == PipedriveEntity.Person)
        {
            return PipedriveWebhookParseResult.Parsed(new PersonEvent(
                meta,
                current is { } c ? PipedriveSnapshotReader.Person(c, meta.EntityId, meta.Version, currentPath) : null,
                previous is { } p ? PipedriveSnapshotReader.Person(p, meta.EntityId, meta.Version, previousPath) : null));
        }

        return PipedriveWebhookParseResult.Parsed(new DealEvent(
            meta,
            current is { } cd ? PipedriveSnapshotReader.Deal(cd, meta.EntityId, meta.Version, currentPath) : null,
            previous is { } pd ? PipedriveSnapshotReader.Deal(pd, meta.EntityId, meta.Version, previousPath) : null));
    }

    public static PipedriveEntity? Entity(string name) => name switch
    {
        "person" => PipedriveEntity.Person,
        "deal" => PipedriveEntity.Deal,
        _ => null,
    };

    public static long CheckCompany(JsonElement meta, long routeCompanyId)
    {
        var companyId = WebhookJson.RequiredId(meta, "company_id", "meta.company_id");
        return companyId == routeCompanyId
            ? companyId
            : throw new WebhookFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"meta.company_id {companyId} does not match the company {routeCompanyId} this webhook URL belongs to."));
    }

    /// <summary>A required lower-case word such as an action or object name.</summary>
    public static string Token(JsonElement meta, string name, string path)
    {
        if (WebhookJson.Get(meta, name) is not { } value)
        {
            throw new WebhookFormatException($"{path} is missing.");
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null || text.Length is 0 or > 64 || !text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new WebhookFormatException($"{path} must be a lower-case name such as \"person\" or \"change\", not {WebhookJson.Show(value)}.");
        }

        return text;
    }

    public static string EventId(JsonElement meta)
    {
        if (WebhookJson.Get(meta, "id") is not { } value)
        {
            throw new WebhookFormatException("meta.id (the event id) is missing.");
        }

        var id = value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? WebhookJson.AsText(value, "meta.id").Trim() : string.Empty;
        if (id.Length is 0 or > MaxEventIdLength || id.Any(char.IsControl))
        {
            throw new WebhookFormatException($"meta.id must be a non-empty event id of at most {MaxEventIdLength} characters, not {WebhookJson.Show(value)}.");
        }

        return id;
    }

    public static int Attempt(long value, string path, int min) =>
        value >= min && value <= 100 ? (int)value : throw new WebhookFormatException($"{path} must be a small whole number, not {value}.");
}
