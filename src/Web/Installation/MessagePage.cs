using System.Text.Encodings.Web;

namespace PipedriveMaileon.Web.Installation;

/// <summary>A small, self-contained HTML page for outcomes of the installation flow (everything encoded).</summary>
public static class MessagePage
{
    public static IResult Render(int status, string title, string message, string? linkText = null, string? linkHref = null)
    {
        var encode = HtmlEncoder.Default;
        var link = linkText is null ? string.Empty : $"<p><a class=\"button\" href=\"{encode.Encode(linkHref ?? "/")}\">{encode.Encode(linkText)}</a></p>";
        var html = $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{encode.Encode(title)}} · Maileon for Pipedrive</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1e2a36}
            h1{font-size:1.4rem}.button{display:inline-block;background:#2b7a4b;color:#fff;padding:.5rem 1rem;border-radius:4px;text-decoration:none}</style>
            </head><body><h1 data-testid="message-title">{{encode.Encode(title)}}</h1><p data-testid="message-text">{{encode.Encode(message)}}</p>{{link}}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
