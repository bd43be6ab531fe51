using System.Text.Json;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.UnitTests.Contacts;

public sealed class FieldMapTests
{
    private static readonly DateTimeOffset T1 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static JsonSerializerOptions StorageJson()
    {
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        CompactStateJson.Apply(options);
        return options;
    }

    [Fact]
    public void A_changed_field_keeps_its_place_and_a_new_one_goes_last()
    {
        var map = FieldMap<string?>.Empty.SetAll([new("phone", "1"), new("label", null)]).SetAll([new("phone", "2"), new("mobile", "3")]);

        Assert.Equal(["phone", "label", "mobile"], map.Keys);
        Assert.Equal(["2", null, "3"], map.Values);
        Assert.True(map.TryGetValue("label", out var label) && label is null);
        Assert.False(map.ContainsKey("fax"));
        Assert.Throws<KeyNotFoundException>(() => map["fax"]);
    }

    [Fact]
    public void Maps_are_immutable_and_empty_ones_are_shared()
    {
        var one = FieldMap<string?>.Empty.SetAll([new("phone", "1")]);
        var two = one.SetAll([new("phone", "2")]);

        Assert.Equal("1", one["phone"]);
        Assert.Equal("2", two["phone"]);
        Assert.Same(FieldMap<string?>.Empty, FieldMap<string?>.Of(new Dictionary<string, string?>()));
        Assert.Same(FieldMap<string?>.Empty, FieldMap<string?>.Of(null));
        Assert.Same(one, FieldMap<string?>.Of(one));
    }

    [Fact]
    public void A_person_stores_and_reads_its_fields_as_json_objects_in_order()
    {
        var person = new KnownPerson();
        person.Merge(new PersonSnapshot
        {
            Id = 1,
            CustomFields = new Dictionary<string, PersonFieldValue> { ["f00d"] = new() { OptionId = 11 } },
            StandardFields = new Dictionary<string, string?> { ["phone"] = null, ["label"] = "vip" },
            PresentFields = new HashSet<string> { "phone", "label" },
        }, T1);

        var json = JsonSerializer.Serialize(person, StorageJson());
        Assert.Contains("\"CustomFields\":{\"f00d\":{\"OptionId\":11}}", json, StringComparison.Ordinal);
        Assert.Contains("\"StandardFields\":{\"phone\":null,\"label\":\"vip\"}", json, StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<KnownPerson>(json, StorageJson())!;
        Assert.Equal(["phone", "label"], read.StandardFields.Keys);
        Assert.Equal(11, read.CustomFields["f00d"].OptionId);
        Assert.Equal(json, JsonSerializer.Serialize(read, StorageJson()));
    }

    [Fact]
    public void A_person_without_fields_stores_none_and_reads_an_empty_object_as_none()
    {
        Assert.Equal("{}", JsonSerializer.Serialize(new KnownPerson(), StorageJson()));

        var read = JsonSerializer.Deserialize<KnownPerson>("{\"CustomFields\":{},\"StandardFields\":{}}", StorageJson())!;
        Assert.Same(FieldMap<PersonFieldValue>.Empty, read.CustomFields);
        Assert.Same(FieldMap<string?>.Empty, read.StandardFields);
    }

    [Fact]
    public void An_empty_legacy_subscription_reads_as_none_and_a_held_one_is_kept()
    {
        var stored = JsonSerializer.Deserialize<ContactState>("{\"Subscription\":{\"Status\":0,\"AwaitingEmail\":false}}", StorageJson())!;
        Assert.Null(stored.Subscription);
        Assert.False(LegacyHandOver.Needed(stored));

        var legacy = JsonSerializer.Deserialize<ContactState>("{\"Subscription\":{\"Status\":1,\"Email\":\"a@b.example\"}}", StorageJson())!;
        Assert.Equal((SubscriptionStatus.Pending, "a@b.example"), (legacy.Subscription!.Status, legacy.Subscription.Email));
        Assert.True(LegacyHandOver.Needed(legacy));
    }
}
