using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Database.DataProtection;

namespace PipedriveMaileon.UnitTests.Database;

public sealed class MasterKeyTests
{
    [Fact]
    public void A_key_element_round_trips_and_is_not_stored_in_clear()
    {
        var key = MasterKey.Parse(MasterKey.Generate());
        var secret = new XElement("key", new XElement("masterKey", "very-secret-key-material"));

        var encrypted = new MasterKeyXmlEncryptor(key).Encrypt(secret);
        var services = new ServiceCollection().AddSingleton(key).BuildServiceProvider();
        var decrypted = new MasterKeyXmlDecryptor(services).Decrypt(encrypted.EncryptedElement);

        Assert.DoesNotContain("very-secret-key-material", encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(secret.ToString(), decrypted.ToString());
        Assert.Equal(typeof(MasterKeyXmlDecryptor), encrypted.DecryptorType);
    }

    [Fact]
    public void Decrypting_with_another_master_key_names_the_problem()
    {
        var encrypted = new MasterKeyXmlEncryptor(MasterKey.Parse(MasterKey.Generate())).Encrypt(new XElement("key"));
        var other = new ServiceCollection().AddSingleton(MasterKey.Parse(MasterKey.Generate())).BuildServiceProvider();

        var error = Assert.Throws<CryptographicException>(() => new MasterKeyXmlDecryptor(other).Decrypt(encrypted.EncryptedElement));
        Assert.Contains("Secrets:MasterKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("AAEC", "must decode to 32 bytes")]
    public void Bad_configuration_is_explained(string? value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.Parse(value));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_shows_only_a_fingerprint()
    {
        var base64 = MasterKey.Generate();

        Assert.DoesNotContain(base64, MasterKey.Parse(base64).ToString(), StringComparison.Ordinal);
    }
}
