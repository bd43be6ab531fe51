using System.Net;
using Microsoft.Extensions.Time.Testing;
using Polly;
using PipedriveMaileon.ApiClients.Resilience;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Per-tenant circuit breakers exist only while their tenant makes calls.</summary>
public sealed class TenantCircuitBreakersTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UnixEpoch);

    [Fact]
    public void Each_tenant_has_its_own_breaker_and_keeps_it_while_calling()
    {
        var breakers = Breakers();

        var first = breakers.For("1");
        Assert.Same(first, breakers.For("1"));
        Assert.NotSame(first, breakers.For("2"));
        Assert.Equal(2, breakers.Count);
    }

    [Fact]
    public void An_idle_tenants_breaker_is_dropped_and_an_active_ones_kept()
    {
        var breakers = Breakers();
        var idle = breakers.For("idle");
        var active = breakers.For("active");

        for (var minute = 0; minute < 7; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.Same(active, breakers.For("active"));
        }

        Assert.True(breakers.IdleLifetime <= TimeSpan.FromMinutes(6));
        Assert.Equal(1, breakers.Count);
        Assert.NotSame(idle, breakers.For("idle")); // a new call gets a fresh breaker
    }

    [Fact]
    public async Task An_open_breaker_stays_open_for_its_tenant_only()
    {
        var breakers = Breakers();
        for (var i = 0; i < 2; i++)
        {
            await breakers.For("1").ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
        }

        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() =>
            breakers.For("1").ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK))).AsTask());
        using var other = await breakers.For("2").ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private TenantCircuitBreakers Breakers() => new(
        new ApiResilienceOptions { CircuitMinimumThroughput = 2, CircuitBreakDuration = TimeSpan.FromMinutes(1) },
        outcome => outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError },
        time);
}
