using System.Text;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using static PipedriveMaileon.UnitTests.Webhooks.PipedriveWebhookExamples;

namespace PipedriveMaileon.UnitTests.Webhooks;

public sealed class PipedriveWebhookParserV2Tests
{
    private const string Enum = "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e";
    private const string Set = "1111111111111111111111111111111111111111";
    private const string Text = "2222222222222222222222222222222222222222";
    private const string Number = "3333333333333333333333333333333333333333";
    private const string Money = "4444444444444444444444444444444444444444";
    private const string Date = "5555555555555555555555555555555555555555";
    private const string People = "6666666666666666666666666666666666666666";
    private const string User = "7777777777777777777777777777777777777777";

    internal static PipedriveWebhookParseResult Parse(string json, long companyId = V2CompanyId) =>
        PipedriveWebhookParser.Parse(Encoding.UTF8.GetBytes(json), companyId);

    internal static PersonEvent ParsePerson(string json, long companyId = V2CompanyId)
    {
        var result = Parse(json, companyId);
        Assert.True(result.Status == WebhookParseStatus.Parsed, result.ToString());
        return Assert.IsType<PersonEvent>(result.Person);
    }

    internal static DealEvent ParseDeal(string json, long companyId = V2CompanyId)
    {
        var result = Parse(json, companyId);
        Assert.True(result.Status == WebhookParseStatus.Parsed, result.ToString());
        Assert.Null(result.Person);
        return Assert.IsType<DealEvent>(result.Deal);
    }

    [Fact]
    public void Reference_person_change_is_parsed_with_meta_and_partial_previous()
    {
        var result = Parse(V2PersonChange);
        var person = ParsePerson(V2PersonChange);

        Assert.Same(result.Person!.Meta, result.Meta);
        var meta = person.Meta;
        Assert.Equal("7c812ffd-8f50-45ea-a597-b8fcba2da9c0", meta.EventId);
        Assert.Equal(8087566, meta.CompanyId);
        Assert.Equal(PipedriveEntity.Person, meta.Entity);
        Assert.Equal(PipedriveAction.Change, meta.Action);
        Assert.Equal(8, meta.EntityId);
        Assert.Equal(12415231, meta.UserId);
        Assert.Equal(new DateTimeOffset(2022, 11, 24, 15, 18, 35, 616, TimeSpan.Zero), meta.Timestamp);
        Assert.Equal("app", meta.ChangeSource);
        Assert.Equal(1, meta.Attempt);
        Assert.False(meta.IsBulkEdit);
        Assert.Equal(2, meta.Version);
        Assert.Equal(4710827, meta.WebhookId);
        Assert.Null(meta.MergedToId);

        var current = person.Current!;
        Assert.Equal(8, current.Id);
        Assert.Equal("Sample Person", current.Name);
        Assert.Equal("Sample Person", current.FirstName);
        Assert.Null(current.LastName);
        Assert.Empty(current.Emails);
        Assert.Null(current.PrimaryEmail);
        Assert.Equal(1, current.OrgId);
        Assert.Equal(12415231, current.OwnerId);
        Assert.Equal(new DateTimeOffset(2022, 11, 24, 15, 18, 35, TimeSpan.Zero), current.UpdateTime);
        Assert.Empty(current.CustomFields);
        Assert.True(current.Has("custom_fields"));
        Assert.True(current.Has("emails"));
        Assert.True(current.Has("last_name"));
        Assert.Null(current.StandardFields["phone"]);
        Assert.Null(current.StandardFields["label"]);

        var previous = person.Previous!;
        Assert.Equal(8, previous.Id);
        Assert.Equal("Sample", previous.Name);
        Assert.Equal("Sample", previous.FirstName);
        Assert.Equal(["first_name", "name"], previous.PresentFields.Order());
        Assert.False(previous.Has("emails"));
        Assert.Empty(previous.CustomFields);
    }

    [Fact]
    public void Reference_deal_create_is_parsed()
    {
        var deal = ParseDeal(V2DealCreate);

        Assert.Equal("71825ee0-0054-4267-b5fd-d28b7a414212", deal.Meta.EventId);
        Assert.Equal(PipedriveEntity.Deal, deal.Meta.Entity);
        Assert.Equal(PipedriveAction.Create, deal.Meta.Action);
        Assert.Null(deal.Previous);
        var current = deal.Current!;
        Assert.Equal(8, current.Id);
        Assert.Equal("Sample Org deal", current.Title);
        Assert.Equal(100m, current.Value);
        Assert.Equal("EUR", current.Currency);
        Assert.Equal("open", current.Status);
        Assert.Equal(8, current.PersonId);
        Assert.Equal(1, current.OrgId);
        Assert.Equal(12415231, current.OwnerId);
        Assert.Null(current.ExpectedCloseDate);
        Assert.Null(current.UpdateTime);
        Assert.Null(current.SmartBccEmail);
        Assert.Null(current.PersonName);
        Assert.Contains("is_archived", current.PresentFields);
    }

    [Fact]
    public void Typed_custom_fields_are_read_by_type()
    {
        var data = $$"""
            {"id":42,"name":"Ann","emails":[{"label":"home","value":"ann@home.example","primary":false},
              {"label":"work","value":" ann@work.example ","primary":true}],
             "phones":[{"value":"111","primary":false},{"value":"+49 30 123","primary":true}],
             "label_ids":[3,5],"job_title":"CTO","birthday":"1980-02-29",
             "postal_address":{"value":"Main St 1, Berlin","country":"Germany"},
             "custom_fields":{
              "{{Enum}}":{"type":"enum","id":190},
              "{{Set}}":{"type":"set","values":[{"id":13},{"id":"14"}]},
              "{{Text}}":{"type":"varchar","value":"This is a custom text field."},
              "{{Number}}":{"type":"double","value":123.50},
              "{{Money}}":{"type":"monetary","value":200,"currency":"EUR"},
              "{{Date}}":{"type":"date","value":"2023-06-27"},
              "{{People}}":{"type":"people","id":17818},
              "{{User}}":{"type":"user","id":"13075973"},
              "8888888888888888888888888888888888888888":null} }
            """;
        var person = ParsePerson(V2("person", "create", data)).Current!;

        Assert.Equal(["ann@home.example", "ann@work.example"], person.Emails);
        Assert.Equal("ann@work.example", person.PrimaryEmail);
        Assert.Equal("+49 30 123", person.StandardFields["phone"]);
        Assert.Equal("3,5", person.StandardFields["label"]);
        Assert.Equal("CTO", person.StandardFields["job_title"]);
        Assert.Equal("1980-02-29", person.StandardFields["birthday"]);
        Assert.Equal("Main St 1, Berlin", person.StandardFields["postal_address"]);

        var fields = person.CustomFields;
        Assert.Equal(190, fields[Enum].OptionId);
        Assert.Equal([13L, 14L], fields[Set].OptionIds);
        Assert.Equal("This is a custom text field.", fields[Text].Text);
        Assert.Equal("123.5", fields[Number].Text);
        Assert.Equal("200", fields[Money].Text);
        Assert.Equal("EUR", fields[Money].Currency);
        Assert.Equal("2023-06-27", fields[Date].Text);
        Assert.Equal("17818", fields[People].Text);
        Assert.Equal("13075973", fields[User].Text);
        Assert.True(fields["8888888888888888888888888888888888888888"].IsEmpty);
    }

    [Fact]
    public void Primary_email_falls_back_to_the_first_non_empty_one()
    {
        var data = """{"id":42,"emails":[{"value":"","primary":true},{"value":"b@x.example","primary":false},{"value":"c@x.example"}]}""";
        var person = ParsePerson(V2("person", "create", data)).Current!;

        Assert.Equal(["b@x.example", "c@x.example"], person.Emails);
        Assert.Equal("b@x.example", person.PrimaryEmail);
    }

    [Fact]
    public void Previous_with_a_cleared_custom_field_maps_to_empty_and_keeps_presence()
    {
        var data = $$"""{"id":42,"name":"Ann","custom_fields":{"{{Enum}}":{"type":"enum","id":191} } }""";
        var previous = $$"""{"custom_fields":{"{{Enum}}":null} }""";
        var person = ParsePerson(V2("person", "change", data, previous));

        Assert.Equal(191, person.Current!.CustomFields[Enum].OptionId);
        var old = person.Previous!;
        Assert.Equal(42, old.Id);
        Assert.Same(PersonFieldValue.Empty, old.CustomFields[Enum]);
        Assert.Equal(["custom_fields"], old.PresentFields);
        Assert.False(old.Has("name"));
    }

    [Fact]
    public void Delete_has_no_current_and_the_last_state_as_previous()
    {
        var previous = """{"id":42,"name":"Ann","emails":[{"value":"ann@x.example","primary":true}],"custom_fields":{}}""";
        var person = ParsePerson(V2("person", "delete", "null", previous, extraMeta: ""","merged_to_id":"43" """));

        Assert.Equal(PipedriveAction.Delete, person.Meta.Action);
        Assert.Null(person.Current);
        Assert.Equal("ann@x.example", person.Previous!.PrimaryEmail);
        Assert.Equal(43, person.Meta.MergedToId);
    }

    [Fact]
    public void Delete_without_previous_is_accepted()
    {
        var person = ParsePerson(V2("person", "delete", "null"));

        Assert.Null(person.Current);
        Assert.Null(person.Previous);
    }

    [Fact]
    public void Deal_change_and_delete()
    {
        var data = """{"id":42,"title":"Big","value":"1234.56","currency":"USD","status":"won","person_id":"7","org_id":null,"owner_id":9,"expected_close_date":"2026-06-30","update_time":"2026-05-27T10:00:00Z"}""";
        var change = ParseDeal(V2("deal", "change", data, """{"status":"open","value":1000}"""));

        Assert.Equal(PipedriveAction.Change, change.Meta.Action);
        Assert.Equal(1234.56m, change.Current!.Value);
        Assert.Equal(7, change.Current.PersonId);
        Assert.Null(change.Current.OrgId);
        Assert.Equal(new DateOnly(2026, 6, 30), change.Current.ExpectedCloseDate);
        Assert.Equal("open", change.Previous!.Status);
        Assert.Equal(1000m, change.Previous.Value);
        Assert.Equal(["status", "value"], change.Previous.PresentFields.Order());

        var delete = ParseDeal(V2("deal", "delete", "null", data));
        Assert.Null(delete.Current);
        Assert.Equal("Big", delete.Previous!.Title);
    }

    [Fact]
    public void Ids_may_be_numbers_where_strings_are_documented_and_strings_where_numbers_are()
    {
        var json = """
            {"meta":{"action":"change","entity":"person","company_id":8087566,"entity_id":42,"id":"e-1",
              "timestamp":1779876000,"user_id":777,"version":"2.0","webhook_id":4710827,"attempt":"2","is_bulk_edit":1},
             "data":{"id":"42","org_id":"5","owner_id":"6","custom_fields":{}},"previous":null}
            """;
        var person = ParsePerson(json);

        Assert.Equal(42, person.Meta.EntityId);
        Assert.Equal(777, person.Meta.UserId);
        Assert.Equal(2, person.Meta.Attempt);
        Assert.True(person.Meta.IsBulkEdit);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1779876000), person.Meta.Timestamp);
        Assert.Equal(5, person.Current!.OrgId);
        Assert.Equal(6, person.Current.OwnerId);
    }

    [Fact]
    public void Untyped_api_shaped_custom_values_are_accepted()
    {
        var data = $$"""{"id":42,"custom_fields":{"{{Enum}}":190,"{{Set}}":[190,191],"{{Text}}":"hello"} }""";
        var fields = ParsePerson(V2("person", "create", data)).Current!.CustomFields;

        Assert.Equal(190, fields[Enum].OptionId);
        Assert.Equal([190L, 191L], fields[Set].OptionIds);
        Assert.Equal("hello", fields[Text].Text);
    }

    [Fact]
    public void Huge_custom_field_number_is_kept_as_sent()
    {
        var data = $$"""{"id":42,"custom_fields":{"{{Number}}":{"type":"double","value":1e400} } }""";
        var fields = ParsePerson(V2("person", "create", data)).Current!.CustomFields;

        Assert.Equal("1e400", fields[Number].Text);
    }

    [Theory]
    [InlineData("organization")]
    [InlineData("activity")]
    [InlineData("user")]
    [InlineData("lead")]
    public void Other_entities_are_ignored(string entity)
    {
        var result = Parse(V2(entity, "change", """{"id":"c0ffee"}"""));

        Assert.Equal(WebhookParseStatus.Ignored, result.Status);
        Assert.Contains(entity, result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Meta);
    }

    [Fact]
    public void Unknown_action_on_a_person_is_ignored()
    {
        var result = Parse(V2("person", "archive", """{"id":42}"""));

        Assert.Equal(WebhookParseStatus.Ignored, result.Status);
    }

    [Fact]
    public void Ignored_entities_still_need_the_right_company()
    {
        var result = Parse(V2("organization", "change", """{"id":1}"""), companyId: 1);

        Assert.Equal(WebhookParseStatus.Rejected, result.Status);
        Assert.Contains("does not match", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_order_mark_is_skipped()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(V2PersonChange)).ToArray();

        Assert.Equal(WebhookParseStatus.Parsed, PipedriveWebhookParser.Parse(bytes, V2CompanyId).Status);
    }
}
