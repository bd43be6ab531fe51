using PipedriveMaileon.Web.Layout;

namespace PipedriveMaileon.Web.Installation;

/// <summary>The outcome pages of the installation flow (<c>/Layout/Message.cshtml</c>; every value HTML-encoded by Razor).</summary>
public static class MessagePage
{
    public static IResult Render(int status, string title, string message, string? linkText = null, string? linkHref = null, string kind = "installation") =>
        new RazorView<MessageModel>("/Layout/Message.cshtml", new MessageModel(kind, title, message, linkText, linkHref), status);
}
