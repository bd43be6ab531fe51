using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Engagement;

namespace PipedriveMaileon.UnitTests.Engagement;

public sealed class BounceFlagTests
{
    private static PipedrivePersonField Field(string name, string type, params (long Id, string Label)[] options) =>
        new(9001, "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e", name, type, true, true, [.. options.Select(o => new PipedriveFieldOption(o.Id, o.Label))]);

    [Fact]
    public void The_field_is_created_when_missing_adopted_when_usable_and_reported_otherwise()
    {
        Assert.True(BounceFlagField.Adopt([Field("Newsletter", "enum", (1, "Subscribe"))]).MustCreate);
        var adopted = BounceFlagField.Adopt([Field("maileon BOUNCE", "enum", (1, "Soft"), (2, "hard bounce"))]);
        Assert.Equal(("9dc80c50d78a15643bfc4ca79d76156a73a1ca0e", (long?)2, false), (adopted.FieldKey, adopted.OptionId, adopted.IsSet));
        var text = BounceFlagField.Adopt([Field("Maileon bounce", "varchar")]);
        Assert.False(text.MustCreate);
        Assert.Null(text.FieldKey);
        Assert.Contains("Rename that field", text.Problem, StringComparison.Ordinal);
        Assert.Equal(("Maileon bounce", "enum"), (BounceFlagField.Definition.Name, BounceFlagField.Definition.FieldType));
        Assert.Equal(["Hard bounce"], BounceFlagField.Definition.OptionLabels);
    }

    [Fact]
    public void The_flag_is_set_once_for_the_current_address_and_cleared_after_an_address_change()
    {
        var field = BounceFlagAdoption.Adopted("k", 2, isSet: false);
        var set = BounceFlagRules.Decide(field, null, bouncedAddressIsCurrent: true);
        Assert.Equal(2, set!.Value!.GetValue<long>());
        Assert.Null(BounceFlagRules.Decide(field, JsonValue.Create(2L), bouncedAddressIsCurrent: true));
        var cleared = BounceFlagRules.Decide(field, JsonValue.Create(2L), bouncedAddressIsCurrent: false);
        Assert.NotNull(cleared);
        Assert.Null(cleared.Value);
        Assert.Null(BounceFlagRules.Decide(field, null, bouncedAddressIsCurrent: false));
        Assert.Null(BounceFlagRules.Decide(BounceFlagAdoption.Missing, null, true));
    }

    [Fact]
    public void A_set_field_keeps_its_other_options()
    {
        var field = BounceFlagAdoption.Adopted("k", 2, isSet: true);
        Assert.Equal("[2,5]", BounceFlagRules.Decide(field, new JsonArray(5L), true)!.Value!.ToJsonString());
        Assert.Equal("[5]", BounceFlagRules.Decide(field, new JsonArray(2L, 5L), false)!.Value!.ToJsonString());
    }
}
