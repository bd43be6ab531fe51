namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

[GenerateSerializer, Immutable, Alias("pm.IngressOutcome")]
public sealed record IngressOutcome([property: Id(0)] IngressStatus Status, [property: Id(1)] string? Reason = null)
{
    public static IngressOutcome Accepted { get; } = new(IngressStatus.Accepted);
    public static IngressOutcome Duplicate { get; } = new(IngressStatus.Duplicate);

    public static IngressOutcome Ignored(string reason) => new(IngressStatus.Ignored, reason);

    public static IngressOutcome Bad(string reason) => new(IngressStatus.BadRequest, reason);
}
