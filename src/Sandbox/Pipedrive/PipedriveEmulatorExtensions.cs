using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Pipedrive.Activities;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.ConsolePage;
using PipedriveMaileon.Sandbox.Pipedrive.Control;
using PipedriveMaileon.Sandbox.Pipedrive.Deals;
using PipedriveMaileon.Sandbox.Pipedrive.Fields;
using PipedriveMaileon.Sandbox.Pipedrive.Notes;
using PipedriveMaileon.Sandbox.Pipedrive.OAuth;
using PipedriveMaileon.Sandbox.Pipedrive.Organizations;
using PipedriveMaileon.Sandbox.Pipedrive.Persons;
using PipedriveMaileon.Sandbox.Pipedrive.Users;
using PipedriveMaileon.Sandbox.Pipedrive.Webhooks;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive;

public static class PipedriveEmulatorExtensions
{
    public static IServiceCollection AddPipedriveEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipedriveEmulatorOptions>().Bind(configuration.GetSection(PipedriveEmulatorOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.RedirectUri is { IsAbsoluteUri: true } uri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                "Sandbox:Pipedrive:RedirectUri must be an absolute http(s) URL.")
            .Validate(o => o.AppUrl is null || o.AppUrl.IsAbsoluteUri, "Sandbox:Pipedrive:AppUrl must be an absolute URL.")
            .Validate(o => o.SettingsUrl is null || o.SettingsUrl.IsAbsoluteUri, "Sandbox:Pipedrive:SettingsUrl must be an absolute URL.")
            .Validate(o => o.PanelUrl is null || o.PanelUrl.IsAbsoluteUri, "Sandbox:Pipedrive:PanelUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddSingleton<PipedriveStore>();
        services.AddSingleton<IEmulatorState>(sp => sp.GetRequiredService<PipedriveStore>());
        services.AddSingleton<IEmulatorErrorFormat, PipedriveErrorFormat>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<OAuthService>();
        services.AddSingleton<UninstallNotifier>();
        services.AddSingleton<PersonWriter>();
        services.AddSingleton<DealWriter>();
        services.AddSingleton<ActivityWriter>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<AppAddressRewriter>();
        services.AddHttpClient(UninstallNotifier.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler<AppAddressRewriter>();
        return services;
    }

    /// <summary>
    /// Maps the OAuth server (<c>/oauth/*</c>), the API under <c>/api/v1</c>, <c>/v1</c> and <c>/api/v2</c> (bearer
    /// tokens, rate limits, token-cost counters), the control API under <c>/_sandbox/pipedrive</c> and the console at
    /// <c>/pipedrive</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapPipedriveEmulator(this IEndpointRouteBuilder app)
    {
        OAuthEndpoints.Map(app);
        foreach (var prefix in new[] { "/api/v1", "/v1" })
        {
            var v1 = app.MapGroup(prefix);
            v1.AddEndpointFilter<ApiGate>();
            UserEndpoints.MapV1(v1);
            PersonFieldEndpoints.MapV1(v1);
            WebhookEndpoints.MapV1(v1);
            ActivityTypes.MapV1(v1);
            NoteEndpoints.MapV1(v1);
            v1.Map("/{**unknown}", () => PipedriveResponses.Error(StatusCodes.Status404NotFound, "Unknown method .")).WithMetadata(new TokenCost(0));
        }

        var v2 = app.MapGroup("/api/v2");
        v2.AddEndpointFilter<ApiGate>();
        PersonFieldEndpoints.MapV2(v2);
        PersonEndpoints.MapV2(v2);
        OrganizationEndpoints.MapV2(v2);
        DealEndpoints.MapV2(v2);
        ActivityEndpoints.MapV2(v2);
        v2.Map("/{**unknown}", () => PipedriveResponses.Error(StatusCodes.Status404NotFound, "Unknown method .")).WithMetadata(new TokenCost(0));

        PipedriveControlEndpoints.Map(app.MapGroup($"{EmulatorRouting.ControlPrefix}/pipedrive"));
        PipedriveConsole.Map(app.MapGroup("/pipedrive"));
        AppSettingsHost.Map(app.MapGroup("/pipedrive/apps"));
        PersonPanelHost.Map(app.MapGroup("/pipedrive/persons"));
        return app;
    }
}
