using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.UnitTests.Tenants;

public sealed class NewsletterFieldAdoptionTests
{
    [Fact]
    public void The_incumbents_field_is_adopted_without_adding_anything()
    {
        var field = Field("enum", (201, "Subscribe"), (202, "DOI pending"), (203, "Subscribed"), (204, "Unsubscribe"), (205, "Unsubscribed"));
        var adoption = NewsletterFieldAdoption.Adopt(field);

        Assert.True(adoption.Complete);
        Assert.Equal(NewsletterOption.AwaitingConfirmation, adoption.MeaningOf(202));
        Assert.Equal(NewsletterOption.Unsubscribed, adoption.MeaningOf(204));
        Assert.Equal(205, adoption.WriteOptions[NewsletterOption.Unsubscribed]);
        Assert.Equal(203, adoption.WriteOptions[NewsletterOption.Subscribed]);
        Assert.Contains("\"Unsubscribe\", \"Unsubscribed\" mean unsubscribed (the app sets it after an unsubscribe; chosen by a user, it asks for one) (the app writes \"Unsubscribed\").", adoption.Description);
    }

    [Fact]
    public void A_german_field_gets_the_missing_option_in_german_and_unknown_options_are_kept_and_left_alone()
    {
        var field = Field("enum", (301, " ANMELDEN "), (302, "angemeldet"), (303, "Abgemeldet"), (304, "VIP-Verteiler"));
        var adoption = NewsletterFieldAdoption.Adopt(field);

        Assert.True(adoption.Adoptable);
        Assert.False(adoption.Complete);
        Assert.Equal(new Dictionary<NewsletterOption, string> { [NewsletterOption.AwaitingConfirmation] = "Bestätigung ausstehend" }, adoption.ToAdd);
        Assert.Null(adoption.MeaningOf(304));
        Assert.Equal(NewsletterOption.Subscribe, adoption.MeaningOf(301));
        Assert.Contains("Added the option \"Bestätigung ausstehend\" for awaiting confirmation (the app sets it after the double opt-in mail).", adoption.Description);
        Assert.Contains("\"VIP-Verteiler\" is not an option the app recognises: persons with it are treated as not asked and left alone.", adoption.Description);
    }

    [Theory]
    [InlineData("Opt-In", NewsletterOption.Subscribe)]
    [InlineData("yes", NewsletterOption.Subscribe)]
    [InlineData("Awaiting   Confirmation", NewsletterOption.AwaitingConfirmation)]
    [InlineData("Bestaetigung ausstehend", NewsletterOption.AwaitingConfirmation)]
    [InlineData("DOI bestätigt", NewsletterOption.Subscribed)]
    [InlineData("opted-out", NewsletterOption.Unsubscribed)]
    [InlineData("Nein", NewsletterOption.Unsubscribed)]
    public void Labels_are_recognised_regardless_of_case_spacing_punctuation_and_umlaut_spelling(string label, NewsletterOption meaning) =>
        Assert.Equal(meaning, NewsletterLabelCatalogue.Recognise(label)?.Meaning);

    [Fact]
    public void A_field_without_recognised_labels_gets_all_four_in_english()
    {
        var adoption = NewsletterFieldAdoption.Adopt(Field("enum", (1, "Gold"), (2, "Silver")));
        Assert.Equal(["Subscribe", "Awaiting confirmation", "Subscribed", "Unsubscribed"], adoption.ToAdd.Values);
        Assert.Empty(adoption.Meanings);
    }

    [Fact]
    public void A_field_that_is_not_single_option_is_not_adopted_and_the_candidate_prefers_one_that_is()
    {
        var set = Field("set", (1, "Subscribe")) with { Id = 10 };
        Assert.False(NewsletterFieldAdoption.Adopt(set).Adoptable);
        Assert.Contains("not a single-option", NewsletterFieldAdoption.Adopt(set).Problem, StringComparison.Ordinal);

        var enumField = Field("enum", (2, "Subscribe")) with { Id = 11, Name = " newsletter" };
        Assert.Equal(11, NewsletterFieldAdoption.Candidate([set, enumField, enumField with { Id = 12, IsActive = false }])!.Id);
        Assert.Null(NewsletterFieldAdoption.Candidate([enumField with { Name = "Newsletters" }]));
    }

    private static PipedrivePersonField Field(string type, params (long Id, string Label)[] options) =>
        new(1, "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e", "Newsletter", type, true, true, [.. options.Select(o => new PipedriveFieldOption(o.Id, o.Label))]);
}
