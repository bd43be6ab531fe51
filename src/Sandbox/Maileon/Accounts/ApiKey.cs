using System.Text.Json.Serialization;

namespace PipedriveMaileon.Sandbox.Maileon.Accounts;

/// <summary>An API key of a newsletter account with its per-HTTP-method privileges, expiry and deactivation flag.</summary>
public sealed class ApiKey
{
    public static readonly IReadOnlyList<string> AllMethods = ["GET", "POST", "PUT", "DELETE"];

    public long Id { get; set; }
    public long AccountId { get; set; }

    /// <summary>The secret itself; never logged and shown only on the sandbox's own console and control API.</summary>
    public string Key { get; set; } = string.Empty;

    public string? Label { get; set; }
    public List<string> Methods { get; set; } = [.. AllMethods];
    public DateTimeOffset? ExpiresAt { get; set; }
    public bool Deactivated { get; set; }

    [JsonIgnore]
    public string MaskedKey => Key.Length <= 8 ? new string('*', Key.Length) : string.Concat(Key.AsSpan(0, 4), "…", Key.AsSpan(Key.Length - 4));

    public bool Allows(string method) => Methods.Contains(method, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => $"ApiKey {Id} ({MaskedKey}) of account {AccountId}";
}
