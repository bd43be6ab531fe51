using OpenTelemetry.Trace;

namespace PipedriveMaileon.ServiceDefaults.Telemetry;

/// <summary>
/// Samples as OpenTelemetry does by default (a root span is recorded, a child as its parent was) but leaves out root
/// spans with one of the given names: work a service asks of itself, which would otherwise start a trace of its own
/// every time. Their children are left out with them; the context still propagates, unsampled.
/// </summary>
public sealed class RootSpansLeftOut(IReadOnlyCollection<string> names) : Sampler
{
    private static readonly Sampler Default = new ParentBasedSampler(new AlwaysOnSampler());
    private readonly HashSet<string> names = new(names, StringComparer.Ordinal);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.ParentContext.TraceId == default && names.Contains(samplingParameters.Name)
            ? new SamplingResult(SamplingDecision.Drop)
            : Default.ShouldSample(samplingParameters);
}
