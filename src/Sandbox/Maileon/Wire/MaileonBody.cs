using System.Text;

namespace PipedriveMaileon.Sandbox.Maileon.Wire;

/// <summary>
/// An answer with exactly the given <c>Content-Type</c>: Maileon sends bare media types
/// (<c>application/vnd.maileon.api+xml</c>, <c>application/json</c>) without a <c>charset</c> parameter, and its
/// official PHP client compares the header with <c>===</c> (<c>MaileonAPIResult::setResultFields</c>), so a
/// parameter would make it ignore the body. The bytes are UTF-8, as the XML declaration and JSON require.
/// </summary>
public sealed class MaileonBody(int status, string contentType, string body) : IResult
{
    public int Status { get; } = status;

    public string ContentType { get; } = contentType;

    public string Body { get; } = body;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var bytes = Encoding.UTF8.GetBytes(Body);
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = bytes.Length;
        return httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }
}
