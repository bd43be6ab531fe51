using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Maileon.Wire;

/// <summary>Injected faults answer with Maileon's XML error envelope.</summary>
public sealed class MaileonErrorFormat : IEmulatorErrorFormat
{
    public EmulatorKind Emulator => EmulatorKind.Maileon;

    public Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MaileonResponses.XmlMediaType + "; charset=utf-8";
        return context.Response.WriteAsync(MaileonResponses.Document(
            new System.Xml.Linq.XElement("error", new System.Xml.Linq.XElement("message", message))), context.RequestAborted);
    }
}
