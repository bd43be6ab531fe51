namespace PipedriveMaileon.Grains.Outbox;

public enum OutboxDisposition
{
    Completed,
    WillRetry,
    Parked,
}
