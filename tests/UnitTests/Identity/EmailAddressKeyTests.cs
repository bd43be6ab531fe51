using PipedriveMaileon.Grains.Identity;

namespace PipedriveMaileon.UnitTests.Identity;

public sealed class EmailAddressKeyTests
{
    [Theory]
    [InlineData("Max.Mustermann@Example.COM", "max.mustermann@example.com")]
    [InlineData("  max+news@example.com \t", "max+news@example.com")]
    [InlineData("o'brien@example.co.uk", "o'brien@example.co.uk")]
    public void A_usable_address_is_keyed_trimmed_and_lower_cased_and_nothing_else(string raw, string key)
    {
        Assert.Equal(key, EmailAddressKey.Of(raw));
        Assert.Equal(EmailAddressKind.Valid, EmailAddressKey.Classify(raw));
    }

    [Theory]
    [InlineData(null, EmailAddressKind.Missing)]
    [InlineData("", EmailAddressKind.Missing)]
    [InlineData("   ", EmailAddressKind.Missing)]
    [InlineData("max.mustermann(at)example.com", EmailAddressKind.Invalid)]
    [InlineData("Max <max@example.com>", EmailAddressKind.Invalid)]
    [InlineData("max@", EmailAddressKind.Invalid)]
    [InlineData("max@example", EmailAddressKind.Invalid)]
    [InlineData("max mustermann@example.com", EmailAddressKind.Invalid)]
    [InlineData("max..m@example.com", EmailAddressKind.Invalid)]
    [InlineData("jörg@example.com", EmailAddressKind.Invalid)]
    public void Anything_Maileon_would_refuse_has_no_key(string? raw, EmailAddressKind kind)
    {
        Assert.Equal(kind, EmailAddressKey.Classify(raw));
        Assert.Null(EmailAddressKey.Of(raw));
    }

    [Fact]
    public void Dots_and_plus_tags_name_different_mailboxes()
    {
        Assert.True(EmailAddressKey.Same("MAX@example.com", " max@Example.com"));
        Assert.False(EmailAddressKey.Same("max@example.com", "m.ax@example.com"));
        Assert.False(EmailAddressKey.Same("max@example.com", "max+tag@example.com"));
        Assert.False(EmailAddressKey.Same(null, null));
    }
}
