namespace PipedriveMaileon.Sandbox.Common;

/// <summary>Writes an error answer in the wire format of one emulated service (used for injected faults).</summary>
public interface IEmulatorErrorFormat
{
    EmulatorKind Emulator { get; }

    Task WriteAsync(HttpContext context, int status, string message);
}
