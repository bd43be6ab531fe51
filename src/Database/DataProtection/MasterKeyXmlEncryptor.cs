using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PipedriveMaileon.Database.DataProtection;

/// <summary>Encrypts Data Protection key elements with the master key (AES-256-GCM) before they are stored.</summary>
public sealed class MasterKeyXmlEncryptor(MasterKey masterKey) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement(
            "encryptedKey",
            new XAttribute("masterKeyId", masterKey.KeyId),
            new XElement("value", Convert.ToBase64String(masterKey.Seal(plaintext))));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}
