using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Maileon.Wire;

/// <summary>Injected faults answer with Maileon's XML error envelope, in the same bare media type as real errors.</summary>
public sealed class MaileonErrorFormat : IEmulatorErrorFormat
{
    public EmulatorKind Emulator => EmulatorKind.Maileon;

    public Task WriteAsync(HttpContext context, int status, string message) =>
        MaileonResponses.Error(status, message).ExecuteAsync(context);
}
