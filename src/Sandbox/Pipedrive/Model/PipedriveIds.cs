namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>The last ids handed out, so ids keep growing across snapshot restores.</summary>
public sealed class PipedriveIds
{
    public long Company { get; set; } = 1_000_000;
    public long User { get; set; } = 2_000_000;
    public long Organization { get; set; }
    public long Person { get; set; }
    public long Deal { get; set; }
    public long Field { get; set; } = 9000;
    public long Option { get; set; } = 100;
    public long Webhook { get; set; } = 470_000;
    public long Delivery { get; set; }
    public long Activity { get; set; }
    public long Note { get; set; }
}
