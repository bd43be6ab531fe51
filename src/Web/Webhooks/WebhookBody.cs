using System.Buffers;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>The HTTP-level shape of a webhook request: content type, size, body. Used only after authentication.</summary>
public static class WebhookBody
{
    /// <summary>The most a body is given up front; a larger declared length grows the buffer as bytes really arrive.</summary>
    private const int InitialBuffer = 16 * 1024;

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType == "application/json" || (media.MediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false));

    /// <summary>
    /// Reads the body up to <paramref name="limit"/> bytes; null when it is longer (declared or streamed). The buffer
    /// starts small whatever the declared length, so a request that claims a large body and sends none costs little.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, int limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var declared = context.Request.ContentLength is > 0 and var length ? (int)length : InitialBuffer;
        var buffer = new ArrayBufferWriter<byte>(Math.Min(declared, InitialBuffer));
        try
        {
            while (true)
            {
                var read = await context.Request.Body.ReadAsync(buffer.GetMemory(4096), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        return buffer.WrittenSpan.ToArray();
    }
}
