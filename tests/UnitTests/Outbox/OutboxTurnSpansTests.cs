using System.Diagnostics;
using OpenTelemetry.Trace;
using Orleans.Serialization.Invocation;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.ServiceDefaults.Telemetry;

namespace PipedriveMaileon.UnitTests.Outbox;

public sealed class OutboxTurnSpansTests
{
    [Fact]
    public void The_names_are_the_ones_Orleans_gives_the_outbox_turn_calls()
    {
        // Orleans' generated request types for the grain interfaces name the spans of their calls.
        var generated = typeof(IOutboxParticipant).Assembly.GetTypes()
            .Where(t => typeof(IInvokable).IsAssignableFrom(t) && !t.IsAbstract && !t.ContainsGenericParameters && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => ((IInvokable)Activator.CreateInstance(t)!).GetActivityName())
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(2, OutboxTurnSpans.Names.Count);
        Assert.All(OutboxTurnSpans.Names, name => Assert.Contains(name, generated));
    }

    [Fact]
    public void The_sampler_leaves_out_outbox_turns_as_roots_and_samples_everything_else_as_by_default()
    {
        var sampler = new RootSpansLeftOut(OutboxTurnSpans.Names);
        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var unsampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);

        Assert.Equal(SamplingDecision.Drop, Decide(sampler, default, OutboxTurnSpans.Names[0]));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, default, OutboxTurnSpans.Names[1]));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, default, "IContactSyncGrain/AcceptPerson"));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, default, "outbox contact UpdateContact"));
        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, sampledParent, "INSERT pm_activity"));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, unsampledParent, "INSERT pm_activity"));
    }

    private static SamplingDecision Decide(Sampler sampler, ActivityContext parent, string name) =>
        sampler.ShouldSample(new SamplingParameters(parent, parent.TraceId == default ? ActivityTraceId.CreateRandom() : parent.TraceId, name, ActivityKind.Internal)).Decision;
}
