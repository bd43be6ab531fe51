using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.LivedIn;

public static class LivedInExtensions
{
    public static IServiceCollection AddLivedInFixture(this IServiceCollection services)
    {
        services.AddSingleton<LivedInRegistry>();
        services.AddSingleton<LivedInSeeder>();
        return services;
    }

    /// <summary>Maps the fixture's control API under <c>/_sandbox/livedin</c>.</summary>
    public static IEndpointRouteBuilder MapLivedInFixture(this IEndpointRouteBuilder app)
    {
        LivedInEndpoints.Map(app.MapGroup($"{EmulatorRouting.ControlPrefix}/livedin"));
        return app;
    }
}
