namespace PipedriveMaileon.Grains.Outbox;

/// <summary>What became of an outbox entry after an attempt (the metric's <c>outcome</c> label; never stored).</summary>
public enum OutboxDisposition
{
    Completed,
    WillRetry,
    Parked,

    /// <summary>Waiting for the tenant's credentials: tried again slowly, never parked.</summary>
    WaitingForCredentials,
}
