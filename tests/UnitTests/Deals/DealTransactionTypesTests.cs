using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Deals;

namespace PipedriveMaileon.UnitTests.Deals;

public sealed class DealTransactionTypesTests
{
    [Fact]
    public void The_three_types_carry_the_seed_attributes_with_types_maileon_has()
    {
        Assert.Equal(["pipedrive_deal_added", "pipedrive_deal_updated", "pipedrive_deal_deleted"], DealTransactionTypes.Names);
        var definition = DealTransactionTypes.Definition(DealTransactionTypes.Updated);
        Assert.Equal(
            ["deal_id:integer", "title:string", "value:float", "currency:string", "status:string", "person_name:string", "org_name:string",
             "owner_name:string", "cc_email:string", "expected_close_date:date", "timestamp:timestamp", "transaction_id:string"],
            definition.Attributes.Select(a => $"{a.Name}:{a.Type}"));
        Assert.DoesNotContain(definition.Attributes, a => a.Type == "datetime");
        Assert.True(definition.Attributes.Single(a => a.Name == "deal_id").Required);
        Assert.Throws<ArgumentOutOfRangeException>(() => DealTransactionTypes.Definition("pipedrive_deal"));
    }

    [Fact]
    public void A_type_as_the_app_creates_it_is_compatible()
    {
        var check = DealTransactionTypes.Check(Existing(DealTransactionTypes.Attributes));
        Assert.True(check.Compatible);
        Assert.True(check.SupportsTransactionId);
        Assert.Null(check.Problem);
    }

    [Fact]
    public void An_older_type_without_transaction_id_or_with_extra_optional_attributes_is_still_usable()
    {
        var attributes = DealTransactionTypes.Attributes.Where(a => a.Name != "transaction_id")
            .Append(new MaileonTransactionAttributeSpec("stage", "string", false))
            .Select(a => a.Name == "value" ? a with { Type = "double" } : a)
            .ToList();
        var check = DealTransactionTypes.Check(Existing(attributes));
        Assert.True(check.Compatible);
        Assert.False(check.SupportsTransactionId);
    }

    [Fact]
    public void Other_attributes_are_a_mismatch_with_a_message_saying_what_differs_and_what_to_do()
    {
        var attributes = DealTransactionTypes.Attributes
            .Where(a => a.Name != "cc_email")
            .Select(a => a.Name == "value" ? a with { Type = "integer" } : a)
            .Append(new MaileonTransactionAttributeSpec("pipeline", "string", true))
            .ToList();
        var check = DealTransactionTypes.Check(Existing(attributes));

        Assert.False(check.Compatible);
        Assert.Contains("\"pipedrive_deal_updated\"", check.Problem, StringComparison.Ordinal);
        Assert.Contains("attribute cc_email is missing", check.Problem, StringComparison.Ordinal);
        Assert.Contains("attribute value is integer, the app sends float", check.Problem, StringComparison.Ordinal);
        Assert.Contains("attribute pipeline is required", check.Problem, StringComparison.Ordinal);
        Assert.Contains("delete or rename", check.Problem, StringComparison.Ordinal);
    }

    private static MaileonTransactionType Existing(IReadOnlyList<MaileonTransactionAttributeSpec> attributes) =>
        new(68, DealTransactionTypes.Updated, attributes);
}
