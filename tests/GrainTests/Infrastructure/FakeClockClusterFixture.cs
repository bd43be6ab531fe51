using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// The product cluster on a fake clock: grain timers (the outbox's retries) and the outbox's notion of now follow
/// <see cref="Clock"/>, while the silo's own maintenance stays on real time. Tests move hours in seconds.
/// </summary>
public sealed class FakeClockClusterFixture : ProductClusterFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Moves the clock in steps (letting the silo run what falls due in each) until <paramref name="done"/> or <paramref name="span"/> passed.</summary>
    public async Task AdvanceAsync(TimeSpan span, TimeSpan step, Func<bool>? done = null)
    {
        for (var moved = TimeSpan.Zero; moved < span && done?.Invoke() != true; moved += step)
        {
            Clock.Advance(step);
            await Task.Delay(15);
        }
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<TimeProvider>(Clock);
        silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
    }
}

[CollectionDefinition(Name)]
public sealed class FakeClockClusterCollection : ICollectionFixture<FakeClockClusterFixture>
{
    public const string Name = nameof(FakeClockClusterCollection);
}
