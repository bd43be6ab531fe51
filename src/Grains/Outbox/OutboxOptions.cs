using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary><c>Outbox:*</c>: how side effects are retried before they are parked for a person to look at.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 14;

    [Range(1, 3600)]
    public int FirstRetrySeconds { get; set; } = 5;

    [Range(1, 86_400)]
    public int MaxRetryDelaySeconds { get; set; } = 900;

    /// <summary>How often work waiting for the tenant's credentials is tried again (it also resumes when they are renewed).</summary>
    [Range(1, 86_400)]
    public int CredentialWaitSeconds { get; set; } = 600;

    public RetryPolicy ToPolicy() =>
        new(MaxAttempts, TimeSpan.FromSeconds(FirstRetrySeconds), TimeSpan.FromSeconds(MaxRetryDelaySeconds), TimeSpan.FromSeconds(CredentialWaitSeconds));
}
