namespace PipedriveMaileon.Grains.Identity;

/// <summary>Where one person of a tenant stands in the address index. Plain data, JSON-serialisable.</summary>
public sealed class PersonAddress
{
    /// <summary>The key of the person's primary address; null when it has none Maileon would accept.</summary>
    public string? Address { get; set; }

    /// <summary>A user asked to subscribe the person while it had no usable address: the wish waits for one.</summary>
    public DateTimeOffset? AwaitingEmailSince { get; set; }
}
