using PipedriveMaileon.Grains.Interfaces.Operations;

namespace PipedriveMaileon.Web.Operations;

public static class OperatorEndpoints
{
    /// <summary>
    /// <c>/ops/probe/{key}</c>: write a value through the cluster and read it back — the operator's end-to-end check
    /// of web → gateway → silo → PostgreSQL.
    /// </summary>
    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/ops").RequireAuthorization(OperatorAuthenticationHandler.PolicyName);
        ops.MapGet("/probe/{key}", async (string key, IClusterClient client) =>
            TypedResults.Ok(await client.GetGrain<IClusterProbeGrain>(ProbeKey(key)).Read()));
        ops.MapPost("/probe/{key}", async (string key, ProbeWrite body, IClusterClient client) =>
            TypedResults.Ok(await client.GetGrain<IClusterProbeGrain>(ProbeKey(key)).Write(body.Value)));
        return app;
    }

    /// <summary>Operator probes live in their own key space, apart from the readiness check's key.</summary>
    private static string ProbeKey(string key) => "ops:" + key;

    public sealed record ProbeWrite(string Value);
}
