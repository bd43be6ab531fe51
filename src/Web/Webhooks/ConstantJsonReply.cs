using System.Text;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// A 200 with a JSON body fixed at start-up, written as bytes: the acknowledgement every webhook gets costs no
/// serializer call. Immutable, so one instance answers every request.
/// </summary>
internal sealed class ConstantJsonReply(string json) : IResult
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly byte[] body = Encoding.UTF8.GetBytes(json);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
