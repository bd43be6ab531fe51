namespace PipedriveMaileon.Grains.Deals;

/// <summary>What to do with an incoming deal event.</summary>
public sealed record DealEventDecision
{
    private DealEventDecision(DealWorkKind? kind, bool duplicate, string? reason)
    {
        Kind = kind;
        IsDuplicate = duplicate;
        Reason = reason;
    }

    /// <summary>Set when the event is to be applied: the contact event it becomes.</summary>
    public DealWorkKind? Kind { get; }

    public bool IsDuplicate { get; }

    /// <summary>Why the event is ignored.</summary>
    public string? Reason { get; }

    public bool IsAccepted => Kind is not null;

    public static DealEventDecision Accept(DealWorkKind kind) => new(kind, false, null);

    public static DealEventDecision Duplicate { get; } = new(null, true, "already recorded");

    public static DealEventDecision Ignore(string reason) => new(null, false, reason);
}
