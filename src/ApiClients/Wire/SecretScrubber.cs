namespace PipedriveMaileon.ApiClients.Wire;

/// <summary>Removes credentials from text that came from a server before it reaches an exception or a log.</summary>
internal static class SecretScrubber
{
    private const int MaxLength = 500;
    private const string Mask = "***";

    public static string? Scrub(string? text, params ReadOnlySpan<string?> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var scrubbed = text;
        foreach (var secret in secrets)
        {
            // Very short values would mask ordinary words; real credentials are far longer.
            if (secret is { Length: >= 4 })
            {
                scrubbed = scrubbed.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        scrubbed = scrubbed.Trim();
        return scrubbed.Length <= MaxLength ? scrubbed : string.Concat(scrubbed.AsSpan(0, MaxLength), "…");
    }
}
