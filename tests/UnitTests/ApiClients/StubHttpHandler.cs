using System.Net;
using System.Text;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>
/// Records every request and answers from a script: queued responses are used in order and the last one repeats.
/// No request ever leaves the process.
/// </summary>
internal sealed class StubHttpHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _script = new();
    private Func<RecordedRequest, HttpResponseMessage>? _last;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public RecordedRequest Single => Assert.Single(Requests);

    public StubHttpHandler Respond(Func<RecordedRequest, HttpResponseMessage> responder)
    {
        lock (_gate)
        {
            _script.Enqueue(responder);
        }

        return this;
    }

    public StubHttpHandler Respond(
        HttpStatusCode status,
        string body = "",
        string contentType = "application/json",
        params (string Name, string Value)[] headers) =>
        Respond(_ => Build(status, body, contentType, headers));

    public StubHttpHandler Throw(Exception exception) => Respond(_ => throw exception);

    public static HttpResponseMessage Build(HttpStatusCode status, string body, string contentType, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Headers.Accept.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body,
            time.GetUtcNow());

        Func<RecordedRequest, HttpResponseMessage> responder;
        lock (_gate)
        {
            _requests.Add(recorded);
            if (_script.Count > 0)
            {
                _last = _script.Dequeue();
            }

            responder = _last ?? throw new InvalidOperationException("The test scripted no response.");
        }

        var response = responder(recorded);
        response.RequestMessage = request;
        return response;
    }
}
