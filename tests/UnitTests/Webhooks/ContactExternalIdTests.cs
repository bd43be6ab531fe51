using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.UnitTests.Webhooks;

public sealed class ContactExternalIdTests
{
    [Fact]
    public void Format_and_parse_round_trip()
    {
        var text = ContactExternalId.Format(8087566, 42);

        Assert.Equal("pd-8087566-42", text);
        Assert.True(ContactExternalId.TryParse(text, out var companyId, out var personId));
        Assert.Equal(8087566, companyId);
        Assert.Equal(42, personId);

        Assert.True(ContactExternalId.TryParse(ContactExternalId.Format(long.MaxValue, long.MaxValue), out companyId, out personId));
        Assert.Equal(long.MaxValue, companyId);
        Assert.Equal(long.MaxValue, personId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pd-")]
    [InlineData("pd-1")]
    [InlineData("pd-1-")]
    [InlineData("pd--1-2")]
    [InlineData("pd-1--2")]
    [InlineData("pd-01-2")]
    [InlineData("pd-1-02")]
    [InlineData("pd-0-2")]
    [InlineData("pd-1-0")]
    [InlineData("pd-1-2-3")]
    [InlineData("PD-1-2")]
    [InlineData(" pd-1-2")]
    [InlineData("pd-1-2 ")]
    [InlineData("pd-+1-2")]
    [InlineData("pd-1-2x")]
    [InlineData("pd-１-2")]
    [InlineData("pd-99999999999999999999-1")]
    [InlineData("pd-9223372036854775808-1")]
    [InlineData("pd:1:2")]
    [InlineData("12345")]
    public void Anything_else_is_not_ours(string? text)
    {
        Assert.False(ContactExternalId.TryParse(text, out var companyId, out var personId));
        Assert.Equal(0, companyId);
        Assert.Equal(0, personId);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-1, 1)]
    public void Format_needs_positive_ids(long companyId, long personId) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContactExternalId.Format(companyId, personId));
}
