using System.Globalization;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Web.Observability;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>The answers a webhook can get, each with the outcome it is counted under.</summary>
public static class WebhookReply
{
    // The 200 bodies are constant UTF-8 written as they are: built once, no serializer call per webhook.
    private const string Json = "application/json; charset=utf-8";
    private static readonly IResult OkAccepted = TypedResults.Text("""{"status":"accepted"}"""u8, Json);
    private static readonly IResult OkDuplicate = TypedResults.Text("""{"status":"duplicate"}"""u8, Json);
    private static readonly IResult OkIgnored = TypedResults.Text("""{"status":"ignored"}"""u8, Json);

    public static (IResult, WebhookOutcome) Bad(int status, string title) => (Problem(status, title), WebhookOutcome.BadRequest);

    /// <summary>401, the same for an unknown company, missing credentials and wrong ones.</summary>
    public static (IResult, WebhookOutcome) Unauthorized(HttpContext context, bool basicChallenge)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (basicChallenge)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"webhooks\"";
        }

        return (Problem(StatusCodes.Status401Unauthorized, "Missing or wrong credentials."), WebhookOutcome.Unauthorized);
    }

    public static (IResult, WebhookOutcome) Gone() => (Problem(StatusCodes.Status410Gone, "This company has uninstalled the app."), WebhookOutcome.Gone);

    public static (IResult, WebhookOutcome) TooMany(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return (Problem(StatusCodes.Status429TooManyRequests, "Too many requests; retry later."), WebhookOutcome.RateLimited);
    }

    public static (IResult, WebhookOutcome) Unavailable() =>
        (Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not recorded; retry later.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 5 }), WebhookOutcome.Unavailable);

    public static (IResult, WebhookOutcome) Ignored() => (OkIgnored, WebhookOutcome.Ignored);

    /// <summary>The owning grain's verdict as the HTTP answer: 2xx only when it recorded the event (or had already).</summary>
    public static (IResult, WebhookOutcome) From(IngressOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            IngressStatus.Accepted => (OkAccepted, WebhookOutcome.Accepted),
            IngressStatus.Duplicate => (OkDuplicate, WebhookOutcome.Duplicate),
            IngressStatus.Ignored => Ignored(),
            IngressStatus.BadRequest => Bad(StatusCodes.Status400BadRequest, outcome.Reason ?? "Bad request."),
            IngressStatus.Unauthorized => (Problem(StatusCodes.Status401Unauthorized, "Missing or wrong credentials."), WebhookOutcome.Unauthorized),
            IngressStatus.Gone => Gone(),
            _ => Unavailable(),
        };
    }

    private static IResult Problem(int status, string title) => Results.Problem(statusCode: status, title: title);
}
