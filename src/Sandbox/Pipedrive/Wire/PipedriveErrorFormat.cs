using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Pipedrive.Wire;

/// <summary>Injected faults answer with Pipedrive's JSON error envelope.</summary>
public sealed class PipedriveErrorFormat : IEmulatorErrorFormat
{
    public EmulatorKind Emulator => EmulatorKind.Pipedrive;

    public Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = status == StatusCodes.Status401Unauthorized ? PipedriveResponses.UnauthorizedBody() : PipedriveResponses.ErrorBody(message);
        return context.Response.WriteAsync(body.ToJsonString(PipedriveResponses.Wire), context.RequestAborted);
    }
}
