using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive.Wire;

/// <summary>Pipedrive's JSON envelopes: <c>success</c>/<c>data</c>/<c>additional_data</c>, and its error bodies.</summary>
public static class PipedriveResponses
{
    public const string ErrorInfo = "Please check developers.pipedrive.com for more information about Pipedrive API.";

    /// <summary>Writes JSON as Pipedrive does: "+" and non-ASCII characters unescaped.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Wire), "application/json; charset=utf-8", statusCode: status);

    public static IResult Ok(JsonNode? data, JsonNode? additionalData = null, int status = StatusCodes.Status200OK)
    {
        var body = new JsonObject { ["success"] = true, ["data"] = data };
        if (additionalData is not null)
        {
            body["additional_data"] = additionalData;
        }

        return Json(body, status);
    }

    /// <summary>The v1 webhooks API adds <c>"status":"ok"</c>.</summary>
    public static IResult WebhookOk(JsonNode? data, int status = StatusCodes.Status200OK)
    {
        var body = new JsonObject { ["status"] = "ok", ["success"] = true };
        if (data is not null)
        {
            body["data"] = data;
        }

        return Json(body, status);
    }

    public static IResult Error(int status, string error, string? errorInfo = ErrorInfo) =>
        Json(ErrorBody(error, errorInfo), status);

    public static JsonObject ErrorBody(string error, string? errorInfo = ErrorInfo) => new()
    {
        ["success"] = false,
        ["error"] = error,
        ["error_info"] = errorInfo,
        ["data"] = null,
        ["additional_data"] = null,
    };

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "Entity was not found", "Object was not found.");

    public static IResult BadRequest(string error) => Error(StatusCodes.Status400BadRequest, error);

    public static JsonObject UnauthorizedBody() => new() { ["success"] = false, ["error"] = "unauthorized access", ["errorCode"] = 401 };

    /// <summary>A token without the operation's scope: the docs' message ("OAuth: API request errors") in the 401's shape.</summary>
    public static JsonObject ScopeMismatchBody() => new()
    {
        ["success"] = false,
        ["error"] = "Scope and URL mismatch",
        ["errorCode"] = 403,
        ["error_info"] = ErrorInfo,
    };

    /// <summary>The v1 webhooks API's validation error: <c>{"status":"error","success":false,"errors":{field:[msg]}}</c>.</summary>
    public static IResult FieldErrors(int status, string field, string message) => Json(new JsonObject
    {
        ["status"] = "error",
        ["success"] = false,
        ["errors"] = new JsonObject { [field] = new JsonArray(message) },
    }, status);
}
