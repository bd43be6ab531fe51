using System.Globalization;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// Pipedrive webhook v2 bodies (<c>meta</c>/<c>data</c>/<c>previous</c>) for persons and deals. Event ids come from
/// the seed, so two runs with the same seed send the same events; emails carry a marker the bench finds again in
/// the Maileon emulator's request journal.
/// </summary>
public sealed class WebhookFactory(int seed)
{
    private readonly Random random = new(seed);
    private readonly object gate = new();

    /// <summary>The email of a bench person; <see cref="MarkerPattern"/> finds it in a Maileon request.</summary>
    public static string Email(int seed, long companyId, long personId) =>
        $"bx{seed.ToString(CultureInfo.InvariantCulture)}c{companyId.ToString(CultureInfo.InvariantCulture)}p{personId.ToString(CultureInfo.InvariantCulture)}@bench.example";

    public const string MarkerPattern = @"bx(\d+)c(\d+)p(\d+)(?:@|%40)bench\.example";

    public int Seed => seed;

    /// <summary>
    /// A person created or changed so that Newsletter = Subscribe (previous: no value). <paramref name="markedAs"/> is
    /// the number its name and email carry when it differs from its id (a person the Pipedrive emulator numbered).
    /// </summary>
    public string PersonSubscribe(BenchTenant tenant, long personId, bool created, long? markedAs = null)
    {
        var data = PersonData(tenant, personId, subscribe: true, markedAs ?? personId);
        JsonNode? previous = created ? null : new JsonObject
        {
            ["custom_fields"] = new JsonObject { [tenant.NewsletterKey] = null },
        };
        return Envelope(tenant, "person", personId, created ? "create" : "change", data, previous);
    }

    /// <summary>A person change that does not touch Newsletter (a name edit).</summary>
    public string PersonRename(BenchTenant tenant, long personId)
    {
        var data = PersonData(tenant, personId, subscribe: false, personId);
        return Envelope(tenant, "person", personId, "change", data, new JsonObject { ["first_name"] = "Previous" });
    }

    public string Deal(BenchTenant tenant, long dealId, long personId, string action)
    {
        var now = Now();
        var deal = new JsonObject
        {
            ["id"] = dealId,
            ["title"] = $"Bench deal {dealId}",
            ["value"] = 1000 + (dealId % 500),
            ["currency"] = "EUR",
            ["person_id"] = personId,
            ["org_id"] = null,
            ["owner_id"] = tenant.UserId,
            ["creator_user_id"] = tenant.UserId,
            ["stage_id"] = 1,
            ["pipeline_id"] = 1,
            ["status"] = "open",
            ["add_time"] = now,
            ["update_time"] = now,
            ["custom_fields"] = new JsonObject(),
            ["visible_to"] = "3",
        };
        return action == "delete"
            ? Envelope(tenant, "deal", dealId, action, null, deal)
            : Envelope(tenant, "deal", dealId, action, deal, action == "change" ? new JsonObject { ["value"] = 999 } : null);
    }

    private JsonObject PersonData(BenchTenant tenant, long personId, bool subscribe, long marker)
    {
        var now = Now();
        var customFields = new JsonObject();
        if (subscribe)
        {
            customFields[tenant.NewsletterKey] = new JsonObject { ["type"] = "enum", ["id"] = tenant.SubscribeOptionId };
        }

        return new JsonObject
        {
            ["id"] = personId,
            ["name"] = $"Bench Person{marker}",
            ["first_name"] = "Bench",
            ["last_name"] = $"Person{marker}",
            ["emails"] = new JsonArray(new JsonObject { ["label"] = "work", ["value"] = Email(seed, tenant.CompanyId, marker), ["primary"] = true }),
            ["phones"] = new JsonArray(),
            ["owner_id"] = tenant.UserId,
            ["org_id"] = null,
            ["label"] = null,
            ["add_time"] = now,
            ["update_time"] = now,
            ["visible_to"] = "3",
            ["custom_fields"] = customFields,
        };
    }

    private string Envelope(BenchTenant tenant, string entity, long entityId, string action, JsonNode? data, JsonNode? previous)
    {
        var user = tenant.UserId.ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["action"] = action,
                ["entity"] = entity,
                ["company_id"] = tenant.CompanyId.ToString(CultureInfo.InvariantCulture),
                ["correlation_id"] = NextGuid().ToString(),
                ["entity_id"] = entityId.ToString(CultureInfo.InvariantCulture),
                ["id"] = NextGuid().ToString(),
                ["is_bulk_edit"] = false,
                ["timestamp"] = Now(),
                ["type"] = "application",
                ["user_id"] = user,
                ["version"] = "2.0",
                ["webhook_id"] = "1",
                ["webhook_owner_id"] = user,
                ["change_source"] = "app",
                ["permitted_user_ids"] = new JsonArray(user),
                ["attempt"] = 1,
                ["host"] = "bench.pipedrive.com",
            },
            ["data"] = data,
            ["previous"] = previous,
        };
        return body.ToJsonString();
    }

    private Guid NextGuid()
    {
        var bytes = new byte[16];
        lock (gate)
        {
            random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
