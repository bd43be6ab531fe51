using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// The span names Orleans gives the outbox's turns, calls of a grain to itself (interface without namespace, slash,
/// method): traced, every step of every grain would start a trace of its own, so the silo's sampler leaves them out.
/// </summary>
public static class OutboxTurnSpans
{
    public static IReadOnlyList<string> Names { get; } =
    [
        $"{nameof(IOutboxParticipant)}/{nameof(IOutboxParticipant.RunOutboxStep)}",
        $"{nameof(IOutboxParticipant)}/{nameof(IOutboxParticipant.RunOutboxEffect)}",
    ];
}
