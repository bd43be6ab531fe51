using System.Net;
using System.Text;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>
/// Records every request and answers from a script: queued responses are used in order and the last one repeats.
/// No request ever leaves the process.
/// </summary>
internal sealed class StubHttpHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Queue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> script = new();
    private Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>? last;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    public RecordedRequest Single => Assert.Single(Requests);

    public StubHttpHandler Respond(Func<RecordedRequest, HttpResponseMessage> responder) =>
        RespondAsync((request, _) => Task.FromResult(responder(request)));

    public StubHttpHandler RespondAsync(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        lock (gate)
        {
            script.Enqueue(responder);
        }

        return this;
    }

    /// <summary>Never answers; only the client's timeouts (or cancellation) end the request.</summary>
    public StubHttpHandler Hang() => RespondAsync(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

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

        Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> responder;
        lock (gate)
        {
            requests.Add(recorded);
            if (script.Count > 0)
            {
                last = script.Dequeue();
            }

            responder = last ?? throw new InvalidOperationException("The test scripted no response.");
        }

        var response = await responder(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
