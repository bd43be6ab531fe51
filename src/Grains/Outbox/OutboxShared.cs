using Microsoft.Extensions.Logging;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>The parts of an outbox every activation of one grain type uses alike.</summary>
internal sealed record OutboxShared(ILogger Logger, EffectTelemetry Telemetry, string LifecycleName);
