using System.Text.Json;
using System.Text.Unicode;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Loads a webhook body as JSON without ever throwing: null with a reason for empty, malformed, truncated, invalid
/// UTF-8 or too deeply nested input, so a bad body is a clear 4xx and never an exception in the ingress path.
/// </summary>
internal static class WebhookJsonLoader
{
    public const int MaxDepth = 32;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    public static JsonDocument? Load(ReadOnlySpan<byte> body, out string reason)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            reason = "The body is empty; a JSON object was expected.";
            return null;
        }

        // What real senders send: valid UTF-8 without \u escapes (the only way to spell an unpaired surrogate), so
        // every string in it is valid text, and the document's own parse checks syntax, depth (the same 32 levels) and
        // repeated names. The token pass below runs only when that parse fails, to say why.
        if (Utf8.IsValid(body) && body.IndexOf("\\u"u8) < 0)
        {
            try
            {
                reason = string.Empty;
                return JsonDocument.Parse(body.ToArray(), Options);
            }
            catch (JsonException)
            {
                // Not well-formed or a repeated name: the token pass finds which.
            }
        }

        if (!Validate(body, out reason))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body.ToArray(), Options);
        }
        catch (JsonException)
        {
            // Syntax, depth and text were checked above; what is left is a repeated property name.
            reason = "The JSON repeats a property name within one object.";
            return null;
        }
    }

    /// <summary>One pass over the tokens: well-formed, at most <see cref="MaxDepth"/> levels, valid UTF-8 text.</summary>
    private static bool Validate(ReadOnlySpan<byte> body, out string reason)
    {
        // The reader's own limit sits above ours so that we see the 33rd level and can say so.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth + 8 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= MaxDepth:
                        reason = $"The JSON is nested deeper than {MaxDepth} levels.";
                        return false;
                    case JsonTokenType.PropertyName or JsonTokenType.String when !IsValidText(ref reader):
                        reason = "The JSON contains text that is not valid UTF-8.";
                        return false;
                }
            }
        }
        catch (JsonException ex)
        {
            reason = IsIncomplete(body)
                ? "The body is not complete JSON: it ends in the middle of a value (truncated?)."
                : $"The body is not valid JSON (error at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of that line).";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return !reader.HasValueSequence && Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>True when the body is a valid beginning of a JSON document that just stops early.</summary>
    private static bool IsIncomplete(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth + 8 }));
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
