using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace PipedriveMaileon.Database.DataProtection;

/// <summary>
/// Decrypts key elements written by <see cref="MasterKeyXmlEncryptor"/>. Data Protection creates it by type name
/// with the service provider, hence the constructor.
/// </summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var masterKey = services.GetRequiredService<MasterKey>();
        var keyId = (string?)encryptedElement.Attribute("masterKeyId");
        if (keyId != masterKey.KeyId)
        {
            throw new CryptographicException(
                $"A Data Protection key was encrypted with master key {keyId}, but this process has {masterKey.KeyId}. " +
                "Every silo and web node needs the same Secrets:MasterKey.");
        }

        var sealedData = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        return XElement.Parse(Encoding.UTF8.GetString(masterKey.Open(sealedData)));
    }
}
