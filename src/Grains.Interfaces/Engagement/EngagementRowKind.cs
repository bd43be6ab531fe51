namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>Which Maileon report a row comes from.</summary>
public enum EngagementRowKind
{
    Open,
    Click,
    Bounce,
}
