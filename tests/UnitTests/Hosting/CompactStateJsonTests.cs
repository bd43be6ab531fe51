using System.Text.Json;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.UnitTests.Hosting;

public sealed class CompactStateJsonTests
{
    // What the storage serializer used before (Orleans' defaults: nulls left out) and what it uses now.
    private static readonly JsonSerializerOptions Before = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private static readonly JsonSerializerOptions After = Compact();

    private static JsonSerializerOptions Compact()
    {
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        CompactStateJson.Apply(options);
        return options;
    }

    private static ContactState Busy()
    {
        var state = new ContactState
        {
            OutboxDueAt = new DateTimeOffset(2026, 11, 27, 3, 0, 0, TimeSpan.Zero),
            Subscription = new SubscriptionState { Status = SubscriptionStatus.Pending, Email = "a@b.example", AwaitingEmail = true },
            LedgerSequence = 3,
            WrittenOption = NewsletterOption.Subscribe,
        };
        state.Person.Name = "Ada";
        state.Person.EmailKnown = true;
        state.Person.MarkSeen("name");
        state.Person.CustomFields = new Dictionary<string, PersonFieldValue> { ["abc"] = new PersonFieldValue { OptionId = 7 } };
        state.Person.StandardFields = new Dictionary<string, string?> { ["phone"] = null };
        state.Remember("event-1");
        state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.SetNewsletterField, Option = NewsletterOption.Subscribe }, state.OutboxDueAt.Value);
        return state;
    }

    [Fact]
    public void A_fresh_state_stores_as_an_almost_empty_object()
    {
        var json = JsonSerializer.Serialize(new ContactState(), After);
        Assert.Equal("{\"Person\":{},\"Address\":{},\"Outbox\":{}}", json);
        Assert.True(JsonSerializer.Serialize(new ContactState(), Before).Length > 3 * json.Length);
    }

    [Fact]
    public void Computed_outbox_properties_are_not_stored()
    {
        var json = JsonSerializer.Serialize(Busy(), After);
        Assert.DoesNotContain("HasPending", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Parked", json, StringComparison.Ordinal);
        Assert.DoesNotContain("IsEmpty", json, StringComparison.Ordinal);
        Assert.StartsWith("{\"OutboxDueAt\":", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Compact_json_reads_back_to_the_same_state_as_the_full_json(bool busy)
    {
        var state = busy ? Busy() : new ContactState();
        var compact = JsonSerializer.Deserialize<ContactState>(JsonSerializer.Serialize(state, After), After)!;
        var full = JsonSerializer.Deserialize<ContactState>(JsonSerializer.Serialize(state, Before), Before)!;

        // Compared through the previous format, which writes every property.
        Assert.Equal(JsonSerializer.Serialize(full, Before), JsonSerializer.Serialize(compact, Before));
        Assert.Equal(JsonSerializer.Serialize(state, Before), JsonSerializer.Serialize(compact, Before));
    }

    // A contact state as the bench stored it before this change (computed properties, zeros and empty collections).
    private const string StoredBefore = """
        {"Subscription":{"Status":0,"AwaitingEmail":false},"Person":{"Name":"Bench Person35","FirstName":"Bench","LastName":"Person35","PrimaryEmail":"bx1c1000016p35@bench.example","OwnerId":2000016,"DataAt":"2026-11-27T03:26:23.033+00:00","EmailKnown":true,"SeenFields":["name","first_name","last_name","owner_id","org_id"],"CustomFields":{},"StandardFields":{"phone":null,"label":null},"Deleted":false},"RecentEvents":["e71357d1-1ae0-44f6-9662-4f8b50e8a62d","704b158f-86dc-4532-8f77-16d0ff1cf33a"],"LedgerSequence":0,"Outbox":{"Entries":[{"Id":4,"Work":{"Kind":0,"Option":0},"CreatedAt":"2026-11-27T03:00:00+00:00","DueAt":"2026-11-27T03:00:00+00:00","Attempts":0}],"LastId":4,"HasPending":true,"Parked":[]},"PendingLedger":[],"PendingActivity":[]}
        """;

    [Fact]
    public void Payloads_written_before_still_read_the_same()
    {
        var before = JsonSerializer.Deserialize<ContactState>(StoredBefore, Before)!;
        var after = JsonSerializer.Deserialize<ContactState>(StoredBefore, After)!;
        Assert.Equal(JsonSerializer.Serialize(before, Before), JsonSerializer.Serialize(after, Before));
        Assert.True(after.HasSeen("704b158f-86dc-4532-8f77-16d0ff1cf33a"));
        Assert.True(after.Outbox.HasPending);
        Assert.Equal(4, after.Outbox.LastId);
        Assert.True(after.Person.StandardFields.ContainsKey("label"));

        // Written again, it is shorter and reads back the same.
        var rewritten = JsonSerializer.Serialize(after, After);
        Assert.True(rewritten.Length < StoredBefore.Length - 150, rewritten);
        Assert.Equal(JsonSerializer.Serialize(before, Before), JsonSerializer.Serialize(JsonSerializer.Deserialize<ContactState>(rewritten, After), Before));
    }

    [Fact]
    public void Persons_read_back_share_their_field_names_and_keep_the_fields_they_saw()
    {
        var first = JsonSerializer.Deserialize<ContactState>(StoredBefore, After)!;
        var second = JsonSerializer.Deserialize<ContactState>(StoredBefore, After)!;

        Assert.Equal(["name", "first_name", "last_name", "owner_id", "org_id"], first.Person.SeenFields);
        var firstKeys = first.Person.StandardFields.Keys.Order(StringComparer.Ordinal).ToList();
        var secondKeys = second.Person.StandardFields.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["label", "phone"], firstKeys);
        Assert.All(firstKeys.Zip(secondKeys), pair => Assert.Same(pair.First, pair.Second));
        Assert.True(first.Person.ToSnapshot(35).Has("owner_id"));
        Assert.False(new KnownPerson().ToSnapshot(35).Has("owner_id"));
    }
}
