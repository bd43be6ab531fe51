using System.Text.Json;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>What a failed answer of Pipedrive's OAuth server means for the installation.</summary>
internal static class PipedriveOAuthFailures
{
    /// <summary>
    /// The OAuth error body is not documented, so the status decides first and the text only refines a 400:
    /// errors about our own request or client credentials must never be mistaken for a dead installation.
    /// </summary>
    public static ApiFailureKind ClassifyOAuthFailure(int status, string? errorCode, string? description, bool isRefresh)
    {
        if (status != 400)
        {
            return status == 401 ? ApiFailureKind.Unauthorized : HttpStatusRules.Classify(status);
        }

        var text = $"{errorCode} {description}";
        if (Mentions(text, "invalid_grant") || Mentions(text, "Invalid grant"))
        {
            return ApiFailureKind.InvalidGrant;
        }

        if (Mentions(text, "invalid_client") || Mentions(text, "Invalid client"))
        {
            return ApiFailureKind.Unauthorized;
        }

        if (Mentions(text, "invalid_request") || Mentions(text, "unsupported_grant_type") || Mentions(text, "Invalid request")
            || Mentions(text, "Unsupported grant type") || Mentions(text, "Missing parameter"))
        {
            return ApiFailureKind.Rejected;
        }

        // Pipedrive's guidance: an otherwise unexplained 400 on refresh means the installation must re-authorise.
        return isRefresh ? ApiFailureKind.InvalidGrant : ApiFailureKind.Rejected;
    }

    private static bool Mentions(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);

    public static (string? ErrorCode, string? Description) ReadOAuthError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, body);
            }

            var description = JsonValues.String(root, "error_description") ?? JsonValues.String(root, "message");
            var error = JsonValues.String(root, "error");
            return (error, description ?? error);
        }
        catch (JsonException)
        {
            return (null, body);
        }
    }
}
