using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.ConsolePage;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Control;
using PipedriveMaileon.Sandbox.Maileon.Mailings;
using PipedriveMaileon.Sandbox.Maileon.Reports;
using PipedriveMaileon.Sandbox.Maileon.Transactions;
using PipedriveMaileon.Sandbox.Maileon.Webhooks;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon;

public static class MaileonEmulatorExtensions
{
    public static IServiceCollection AddMaileonEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MaileonOptions>().Bind(configuration.GetSection(MaileonOptions.Section)).ValidateDataAnnotations()
            .Validate(o => IsKnownTimeZone(o.TimeZone), "Sandbox:Maileon:TimeZone must be UTC or a time zone id of this machine.")
            .ValidateOnStart();
        services.AddSingleton<MaileonStore>();
        services.AddSingleton<IEmulatorState>(sp => sp.GetRequiredService<MaileonStore>());
        services.AddSingleton<IEmulatorErrorFormat, MaileonErrorFormat>();
        services.AddSingleton<MaileonTime>();
        services.AddSingleton<ContactXml>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<MailingService>();
        services.AddSingleton<WebhookPayloadBuilder>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<AppAddressRewriter>();
        return services;
    }

    private static bool IsKnownTimeZone(string id)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>
    /// Maps Maileon's REST API under <c>/1.0</c> (every route authenticated by API key), the control API under
    /// <c>/_sandbox/maileon</c> and the console at <c>/maileon</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapMaileonEmulator(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(EmulatorRouting.MaileonApiPrefix);
        api.AddEndpointFilter<ApiKeyAuthenticator>();
        AccountEndpoints.Map(api);
        ContactEndpoints.Map(api);
        CustomFieldEndpoints.Map(api);
        TransactionTypeEndpoints.Map(api);
        TransactionEndpoints.Map(api);
        WebhookEndpoints.Map(api);
        UnsubscriptionReportEndpoints.Map(api);
        MailingEndpoints.Map(api);
        TrackingReportEndpoints.Map(api);
        // Anything else → 404 with the XML error report (docs: "HTTP Status Codes": "404 Not Found – The requested
        // resource was not found"; "For most error cases, the response body is an XML errors document").
        api.Map("/{**unknown}", (string? unknown) => MaileonResponses.NotFound($"No resource at /1.0/{unknown}."));

        var control = app.MapGroup($"{EmulatorRouting.ControlPrefix}/maileon");
        MaileonControlEndpoints.Map(control);
        MailingControlEndpoints.Map(control);
        MaileonConsole.Map(app.MapGroup(EmulatorRouting.MaileonConsolePrefix));
        return app;
    }
}
