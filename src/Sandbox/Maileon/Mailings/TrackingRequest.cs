namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>
/// What one recipient did with a sent mailing (body item of <c>POST /_sandbox/maileon/mailings/{id}/tracking</c>):
/// <see cref="Opens"/> opens, a click per URL in <see cref="Clicks"/>, and an optional <see cref="Bounce"/>
/// (<c>hard</c> or <c>soft</c>). The events are laid out one second apart, ending at <see cref="At"/> (default: now).
/// </summary>
public sealed record TrackingRequest(
    string? Email,
    long? ContactId,
    int? Opens,
    List<string>? Clicks,
    string? Bounce,
    string? StatusCode,
    string? DeviceType,
    DateTimeOffset? At);
