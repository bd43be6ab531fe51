namespace PipedriveMaileon.Sandbox.Common;

public static class SandboxSharedExtensions
{
    public static IServiceCollection AddSandboxShared(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<SandboxClock>();
        services.AddHostedService<SnapshotService>();
        services.AddHttpClient();
        services.AddTransient<AppAddressRewriter>();
        return services;
    }

    public static IApplicationBuilder UseSandboxShared(this IApplicationBuilder app) =>
        app.UseMiddleware<JournalAndFaultMiddleware>();

    /// <summary>
    /// The control API tests and the consoles use: <c>/_sandbox/{pipedrive|maileon}/requests</c> (inspect, clear),
    /// <c>/faults</c> (list, add, remove, clear) and <c>/reset</c> (state, journal and faults).
    /// Each emulator maps its own control routes (create persons, confirm DOI, ...) under the same prefix.
    /// </summary>
    public static IEndpointRouteBuilder MapSandboxControl(this IEndpointRouteBuilder app)
    {
        foreach (var emulator in Enum.GetValues<EmulatorKind>())
        {
            var group = app.MapGroup($"{EmulatorRouting.ControlPrefix}/{EmulatorRouting.Segment(emulator)}");
            group.MapGet("/requests", (RequestJournal journal, long? after) => Results.Ok(journal.Query(emulator, after ?? 0)));
            group.MapDelete("/requests", (RequestJournal journal) =>
            {
                journal.Clear(emulator);
                return Results.NoContent();
            });
            group.MapGet("/faults", (FaultInjector faults) => Results.Ok(faults.List(emulator)));
            group.MapPost("/faults", (FaultInjector faults, FaultRule rule) => Results.Ok(faults.Add(rule with { Emulator = emulator })));
            group.MapDelete("/faults", (FaultInjector faults) =>
            {
                faults.Clear(emulator);
                return Results.NoContent();
            });
            group.MapDelete("/faults/{id}", (FaultInjector faults, string id) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());
            group.MapPost("/reset", (RequestJournal journal, FaultInjector faults, IEnumerable<IEmulatorState> states) =>
            {
                journal.Clear(emulator);
                faults.Clear(emulator);
                foreach (var state in states.Where(s => s.Emulator == emulator))
                {
                    state.Reset();
                }

                return Results.NoContent();
            });
        }

        return app;
    }
}
