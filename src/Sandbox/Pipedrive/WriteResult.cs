using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive;

/// <summary>The outcome of a write: the entity as API v2 returns it, or an HTTP status with an error message.</summary>
public sealed record WriteResult(JsonObject? Data, int Status, string? Error)
{
    public bool Failed => Error is not null;

    public static WriteResult Ok(JsonObject data) => new(data, StatusCodes.Status200OK, null);

    public static WriteResult Fail(int status, string error) => new(null, status, error);

    public static WriteResult NotFound() => Fail(StatusCodes.Status404NotFound, "Entity was not found");
}
