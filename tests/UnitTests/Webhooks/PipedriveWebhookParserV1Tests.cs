using PipedriveMaileon.Grains.Interfaces.Webhooks;
using static PipedriveMaileon.UnitTests.Webhooks.PipedriveWebhookExamples;
using static PipedriveMaileon.UnitTests.Webhooks.PipedriveWebhookParserV2Tests;

namespace PipedriveMaileon.UnitTests.Webhooks;

public sealed class PipedriveWebhookParserV1Tests
{
    private const string Newsletter = "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e";
    private const string Interests = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Budget = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Fact]
    public void Reference_person_update_is_parsed()
    {
        var person = ParsePerson(V1PersonUpdate, V1CompanyId);

        var meta = person.Meta;
        Assert.Equal(1, meta.Version);
        Assert.Equal(PipedriveAction.Change, meta.Action);
        Assert.Equal(PipedriveEntity.Person, meta.Entity);
        Assert.Equal(11, meta.EntityId);
        Assert.Equal(1234567890, meta.CompanyId);
        Assert.Equal(1234567890, meta.UserId);
        Assert.Equal(1234567890, meta.WebhookId);
        Assert.Equal(1, meta.Attempt);
        Assert.False(meta.IsBulkEdit);
        Assert.Equal("app", meta.ChangeSource);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1739827618595).AddTicks(1890), meta.Timestamp);
        Assert.Equal("v1:1234567890:person:11:updated:1739827618595189", meta.EventId);

        var current = person.Current!;
        Assert.Equal(11, current.Id);
        Assert.Equal("Person Name", current.Name);
        Assert.Equal(["x@y.z"], current.Emails);
        Assert.Equal("x@y.z", current.PrimaryEmail);
        Assert.Equal(1234567890, current.OwnerId);
        Assert.Null(current.OrgId);
        Assert.True(current.Has("emails"));
        Assert.False(current.Has("email"));

        Assert.Equal(11, person.Previous!.Id);
    }

    [Fact]
    public void Event_id_is_the_same_on_a_retry_and_differs_between_events()
    {
        var current = """{"id":11,"name":"A"}""";
        var first = ParsePerson(V1("person", "updated", current), V1CompanyId);
        var retry = ParsePerson(V1("person", "updated", current, retry: 2), V1CompanyId);
        var other = ParsePerson(V1("person", "updated", current.Replace("11", "12", StringComparison.Ordinal), id: 12), V1CompanyId);

        Assert.Equal(first.Meta.EventId, retry.Meta.EventId);
        Assert.Equal(3, retry.Meta.Attempt);
        Assert.NotEqual(first.Meta.EventId, other.Meta.EventId);
    }

    [Fact]
    public void Full_v1_person_with_root_level_custom_fields_and_embedded_objects()
    {
        var current = $$"""
            {"id":11,"company_id":1234567890,
             "owner_id":{"id":123,"name":"Jane Doe","email":"jane@pipedrive.com","value":123},
             "org_id":{"name":"Org Name","people_count":1,"value":1234},
             "name":"Will Smith","first_name":"Will","last_name":"Smith",
             "email":[{"value":"12345@email.com","primary":true,"label":"work"}],
             "phone":[{"value":"12345","primary":true,"label":"work"}],
             "label":1,"org_name":"Organization name","owner_name":"Jane Doe",
             "add_time":"2017-10-18 13:23:07","update_time":"2020-05-08 05:30:20",
             "{{Newsletter}}":"190","{{Interests}}":"190,191","{{Budget}}":2500,"{{Budget}}_currency":"EUR"}
            """;
        var person = ParsePerson(V1("person", "added", current), V1CompanyId).Current!;

        Assert.Equal(123, person.OwnerId);
        Assert.Equal(1234, person.OrgId);
        Assert.Equal(new DateTimeOffset(2020, 5, 8, 5, 30, 20, TimeSpan.Zero), person.UpdateTime);
        Assert.Equal("12345@email.com", person.PrimaryEmail);
        Assert.Equal("12345", person.StandardFields["phone"]);
        Assert.Equal("1", person.StandardFields["label"]);
        Assert.Equal("Organization name", person.StandardFields["org_name"]);
        Assert.Equal("Jane Doe", person.StandardFields["owner_name"]);
        Assert.True(person.Has("custom_fields"));
        Assert.True(person.Has("phones"));
        Assert.DoesNotContain(Newsletter, person.PresentFields);

        Assert.Equal(190, person.CustomFields[Newsletter].OptionId);
        Assert.Equal([190L], person.CustomFields[Newsletter].OptionIds);
        Assert.Equal("190", person.CustomFields[Newsletter].Text);
        Assert.Null(person.CustomFields[Interests].OptionId);
        Assert.Equal([190L, 191L], person.CustomFields[Interests].OptionIds);
        Assert.Equal("2500", person.CustomFields[Budget].Text);
        Assert.Equal("EUR", person.CustomFields[Budget].Currency);
        Assert.Equal(3, person.CustomFields.Count);
    }

    [Fact]
    public void Cleared_v1_custom_field_is_empty()
    {
        var person = ParsePerson(V1("person", "updated", $$"""{"id":11,"{{Newsletter}}":null}""", $$"""{"id":11,"{{Newsletter}}":"192"}"""), V1CompanyId);

        Assert.Same(PersonFieldValue.Empty, person.Current!.CustomFields[Newsletter]);
        Assert.Equal(192, person.Previous!.CustomFields[Newsletter].OptionId);
    }

    [Fact]
    public void Merged_is_the_survivor_with_its_state()
    {
        var person = ParsePerson(V1("person", "merged", """{"id":11,"name":"Survivor"}""", """{"id":11,"name":"Before"}"""), V1CompanyId);

        Assert.Equal(PipedriveAction.Merge, person.Meta.Action);
        Assert.Equal("Survivor", person.Current!.Name);
        Assert.Equal("Before", person.Previous!.Name);
    }

    [Fact]
    public void Deleted_has_no_current()
    {
        var person = ParsePerson(V1("person", "deleted", "null", """{"id":11,"name":"Gone","email":[{"value":"g@x.example","primary":true}]}"""), V1CompanyId);

        Assert.Equal(PipedriveAction.Delete, person.Meta.Action);
        Assert.Null(person.Current);
        Assert.Equal("g@x.example", person.Previous!.PrimaryEmail);
    }

    [Fact]
    public void Deal_added_updated_deleted()
    {
        var current = """
            {"id":11,"title":"Deal One","value":20,"currency":"EUR","status":"open",
             "user_id":{"id":8877,"name":"Creator","email":"john.doe@pipedrive.com","value":8877},
             "person_id":{"active_flag":true,"name":"Person","value":1101},
             "org_id":{"name":"Organization","value":5},
             "expected_close_date":"2019-06-29","update_time":"2019-11-28 16:19:50",
             "cc_email":"company+deal1@pipedrivemail.com","owner_name":"Creator","person_name":"Person","org_name":"Organization",
             "label":"11","visible_to":"1"}
            """;
        var added = ParseDeal(V1("deal", "added", current), V1CompanyId);
        var deal = added.Current!;
        Assert.Equal(PipedriveAction.Create, added.Meta.Action);
        Assert.Equal(8877, deal.OwnerId);
        Assert.Equal(1101, deal.PersonId);
        Assert.Equal(5, deal.OrgId);
        Assert.Equal(20m, deal.Value);
        Assert.Equal(new DateOnly(2019, 6, 29), deal.ExpectedCloseDate);
        Assert.Equal("company+deal1@pipedrivemail.com", deal.SmartBccEmail);
        Assert.Equal("Creator", deal.OwnerName);
        Assert.Equal("Person", deal.PersonName);
        Assert.Equal("Organization", deal.OrgName);
        Assert.Contains("owner_id", deal.PresentFields);
        Assert.Contains("smart_bcc_email", deal.PresentFields);
        Assert.DoesNotContain("user_id", deal.PresentFields);

        var updated = ParseDeal(V1("deal", "updated", current, current.Replace("Deal One", "Deal Zero", StringComparison.Ordinal)), V1CompanyId);
        Assert.Equal(PipedriveAction.Change, updated.Meta.Action);
        Assert.Equal("Deal Zero", updated.Previous!.Title);

        var deleted = ParseDeal(V1("deal", "deleted", "null", current), V1CompanyId);
        Assert.Null(deleted.Current);
        Assert.Equal("Deal One", deleted.Previous!.Title);
    }

    [Fact]
    public void Embedded_names_are_used_when_the_flat_names_are_missing()
    {
        var deal = ParseDeal(V1("deal", "added", """{"id":11,"user_id":{"name":"Owner","value":3},"person_id":{"name":"P","value":4},"org_id":{"name":"O","value":5}}"""), V1CompanyId).Current!;

        Assert.Equal("Owner", deal.OwnerName);
        Assert.Equal("P", deal.PersonName);
        Assert.Equal("O", deal.OrgName);
    }

    [Fact]
    public void Bulk_update_flag_and_action_from_the_event_name()
    {
        var json = V1("person", "updated", """{"id":11}""")
            .Replace("\"action\":\"updated\",\"object\":\"person\",", string.Empty, StringComparison.Ordinal);
        var person = ParsePerson(json, V1CompanyId);

        Assert.Equal(PipedriveAction.Change, person.Meta.Action);
        Assert.True(person.Meta.IsBulkEdit);
    }

    [Fact]
    public void Other_v1_objects_are_ignored()
    {
        var result = Parse(V1("organization", "updated", """{"id":11}"""), V1CompanyId);

        Assert.Equal(WebhookParseStatus.Ignored, result.Status);
    }

    [Fact]
    public void Timestamp_without_micro_is_used()
    {
        var json = V1("person", "updated", """{"id":11}""").Replace("\"timestamp_micro\":1739827618595189,", string.Empty, StringComparison.Ordinal);
        var person = ParsePerson(json, V1CompanyId);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1739827618), person.Meta.Timestamp);
        Assert.EndsWith(":1739827618", person.Meta.EventId, StringComparison.Ordinal);
    }
}
