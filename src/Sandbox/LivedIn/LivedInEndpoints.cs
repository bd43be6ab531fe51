using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// The control API of the lived-in fixture (JSON, no authentication, like every <c>/_sandbox</c> route):
/// <c>POST /_sandbox/livedin</c> seeds (body optional, see <see cref="LivedInRequest"/>) and answers 201 with the
/// manifest (header <c>X-Seeding-Milliseconds</c>); <c>GET /_sandbox/livedin/{companyId}</c> returns it again and
/// <c>GET /_sandbox/livedin/{companyId}/summary</c> only the ids, the API key and the counts.
/// </summary>
public static class LivedInEndpoints
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPost(string.Empty, Seed);
        control.MapGet("/{companyId:long}", (long companyId, LivedInRegistry registry) =>
            registry.Find(companyId) is { } manifest ? Manifest(manifest) : NotFound(companyId));
        control.MapGet("/{companyId:long}/summary", (long companyId, LivedInRegistry registry) =>
            registry.Find(companyId) is { } manifest ? Manifest(manifest with { Persons = [], Contacts = [], Deals = [] }) : NotFound(companyId));
    }

    private static async Task<IResult> Seed(HttpRequest http, LivedInSeeder seeder)
    {
        LivedInRequest? request;
        try
        {
            request = http.ContentLength is null or 0 && !http.HasJsonContentType()
                ? new LivedInRequest()
                : await http.ReadFromJsonAsync<LivedInRequest>(LivedInManifest.Json, http.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, $"The body is not a valid seeding request: {ex.Message}");
        }

        var watch = Stopwatch.StartNew();
        var outcome = seeder.Seed(request ?? new LivedInRequest());
        if (outcome.Manifest is null)
        {
            return Problem(outcome.Status, outcome.Problem!);
        }

        http.HttpContext.Response.Headers["X-Seeding-Milliseconds"] = watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture);
        return Manifest(outcome.Manifest, StatusCodes.Status201Created);
    }

    private static IResult Manifest(LivedInManifest manifest, int status = StatusCodes.Status200OK) =>
        Results.Json(manifest, LivedInManifest.Json, statusCode: status);

    private static IResult NotFound(long companyId) =>
        Problem(StatusCodes.Status404NotFound, $"No lived-in fixture was seeded for company {companyId} since the sandbox started.");

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
