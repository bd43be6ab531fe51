using System.Globalization;
using System.Text.Json.Nodes;
using PipedriveMaileon.LoadGenerator.Load;

namespace PipedriveMaileon.LoadGenerator.Tests;

/// <summary>
/// The bodies the factory writes are the ones it used to build as <see cref="JsonObject"/> trees (kept here as the
/// reference): same properties, order and values, except the times, which both put the moment of writing.
/// </summary>
public sealed class WebhookFactoryTests
{
    private static readonly BenchTenant Tenant = new(42, 7, "user", "secret", Installed: true, "abc123", 17);

    [Fact]
    public void A_rename_is_the_reference_body()
    {
        var reference = new Reference(5);
        Assert.Equal(
            reference.Envelope("person", 9, "change", reference.Person(9, subscribe: false, 9), new JsonObject { ["first_name"] = "Previous" }),
            WithoutTimes(new WebhookFactory(5).PersonRename(Tenant, 9)));
    }

    [Fact]
    public void Subscribes_are_the_reference_bodies()
    {
        var factory = new WebhookFactory(5);
        var reference = new Reference(5);
        Assert.Equal(
            reference.Envelope("person", 3, "create", reference.Person(3, subscribe: true, 10_000_000), null),
            WithoutTimes(factory.PersonSubscribe(Tenant, 3, created: true, markedAs: 10_000_000)));
        Assert.Equal(
            reference.Envelope("person", 4, "change", reference.Person(4, subscribe: true, 4), new JsonObject
            {
                ["custom_fields"] = new JsonObject { [Tenant.NewsletterKey] = null },
            }),
            WithoutTimes(factory.PersonSubscribe(Tenant, 4, created: false)));
    }

    [Theory]
    [InlineData("create")]
    [InlineData("change")]
    [InlineData("delete")]
    public void Deals_are_the_reference_bodies(string action)
    {
        var reference = new Reference(5);
        var deal = reference.Deal(12, 9);
        var expected = action == "delete"
            ? reference.Envelope("deal", 12, action, null, deal)
            : reference.Envelope("deal", 12, action, deal, action == "change" ? new JsonObject { ["value"] = 999 } : null);
        Assert.Equal(expected, WithoutTimes(new WebhookFactory(5).Deal(Tenant, 12, 9, action)));
    }

    [Fact]
    public void Times_are_utc_milliseconds()
    {
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var body = JsonNode.Parse(new WebhookFactory(5).PersonRename(Tenant, 9))!;
        var time = DateTimeOffset.ParseExact(
            body["meta"]!["timestamp"]!.GetValue<string>(), "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(time, before, DateTimeOffset.UtcNow);
        Assert.Equal(body["meta"]!["timestamp"]!.GetValue<string>(), body["data"]!["update_time"]!.GetValue<string>());
    }

    /// <summary>The body re-serialised with every time replaced by "T".</summary>
    private static string WithoutTimes(string body)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["meta"]!["timestamp"] = "T";
        foreach (var part in new[] { "data", "previous" })
        {
            if (node[part] is JsonObject snapshot && snapshot.ContainsKey("update_time"))
            {
                snapshot["add_time"] = "T";
                snapshot["update_time"] = "T";
            }
        }

        return node.ToJsonString();
    }

    /// <summary>The JsonObject-built bodies the factory sent before it wrote them directly, with times as "T".</summary>
    private sealed class Reference(int seed)
    {
        private readonly Random random = new(seed);

        public JsonObject Person(long personId, bool subscribe, long marker)
        {
            var customFields = new JsonObject();
            if (subscribe)
            {
                customFields[Tenant.NewsletterKey] = new JsonObject { ["type"] = "enum", ["id"] = Tenant.SubscribeOptionId };
            }

            return new JsonObject
            {
                ["id"] = personId,
                ["name"] = $"Bench Person{marker}",
                ["first_name"] = "Bench",
                ["last_name"] = $"Person{marker}",
                ["emails"] = new JsonArray(new JsonObject { ["label"] = "work", ["value"] = WebhookFactory.Email(seed, Tenant.CompanyId, marker), ["primary"] = true }),
                ["phones"] = new JsonArray(),
                ["owner_id"] = Tenant.UserId,
                ["org_id"] = null,
                ["label"] = null,
                ["add_time"] = "T",
                ["update_time"] = "T",
                ["visible_to"] = "3",
                ["custom_fields"] = customFields,
            };
        }

        public JsonObject Deal(long dealId, long personId) => new()
        {
            ["id"] = dealId,
            ["title"] = $"Bench deal {dealId}",
            ["value"] = 1000 + (dealId % 500),
            ["currency"] = "EUR",
            ["person_id"] = personId,
            ["org_id"] = null,
            ["owner_id"] = Tenant.UserId,
            ["creator_user_id"] = Tenant.UserId,
            ["stage_id"] = 1,
            ["pipeline_id"] = 1,
            ["status"] = "open",
            ["add_time"] = "T",
            ["update_time"] = "T",
            ["custom_fields"] = new JsonObject(),
            ["visible_to"] = "3",
        };

        public string Envelope(string entity, long entityId, string action, JsonNode? data, JsonNode? previous)
        {
            var user = Tenant.UserId.ToString(CultureInfo.InvariantCulture);
            return new JsonObject
            {
                ["meta"] = new JsonObject
                {
                    ["action"] = action,
                    ["entity"] = entity,
                    ["company_id"] = Tenant.CompanyId.ToString(CultureInfo.InvariantCulture),
                    ["correlation_id"] = NextGuid().ToString(),
                    ["entity_id"] = entityId.ToString(CultureInfo.InvariantCulture),
                    ["id"] = NextGuid().ToString(),
                    ["is_bulk_edit"] = false,
                    ["timestamp"] = "T",
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
            }.ToJsonString();
        }

        private Guid NextGuid()
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }
    }
}
