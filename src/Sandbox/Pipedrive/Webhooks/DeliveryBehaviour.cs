namespace PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

/// <summary>
/// Test knobs for webhook delivery: send every call twice, shuffle calls collected within a window, delay each first
/// attempt, or hold everything while paused.
/// </summary>
public sealed record DeliveryBehaviour
{
    public bool Duplicate { get; init; }
    public bool Shuffle { get; init; }
    public int ShuffleWindowMs { get; init; } = 200;
    public int DelayMs { get; init; }
    public bool Paused { get; init; }
}
