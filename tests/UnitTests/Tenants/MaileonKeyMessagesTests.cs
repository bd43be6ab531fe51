using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.UnitTests.Tenants;

public sealed class MaileonKeyMessagesTests
{
    private const string Whole = "7a3f2c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b";

    private static readonly MaileonApiKeyCheck Invalid = new(MaileonApiKeyStatus.Invalid, [], "Unauthorized: the API key is invalid.");

    [Theory]
    [InlineData("a3f2c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b")]
    [InlineData("7a3f2c1e-5b6d-4e8f-9a0b-1c2d3e4f5a")]
    [InlineData("5b6d-4e8f-9a0b-1c2d3e4f5a6b")]
    public void ARefusedPartOfAUuidIsCalledTruncated(string key) =>
        Assert.Equal(MaileonKeyMessages.Truncated, MaileonKeyMessages.ForCheck(Invalid, Invalid.ServerMessage, key));

    [Theory]
    [InlineData(Whole)]
    [InlineData("not-a-uuid-but-a-custom-key")]
    [InlineData("0123456789abcdef")]
    public void ARefusedWholeOrOtherKeyIsCalledRejected(string key) =>
        Assert.Equal(MaileonKeyMessages.Rejected, MaileonKeyMessages.ForCheck(Invalid, Invalid.ServerMessage, key));

    [Theory]
    [InlineData("Unauthorized: the API key has expired.", MaileonKeyMessages.Expired)]
    [InlineData("Unauthorized: the API key is deactivated.", MaileonKeyMessages.Deactivated)]
    public void MaileonsOwnReasonWinsOverTheShape(string serverMessage, string expected) =>
        Assert.Equal(expected, MaileonKeyMessages.ForCheck(new MaileonApiKeyCheck(MaileonApiKeyStatus.Invalid, [], serverMessage), serverMessage, Whole[1..]));
}
