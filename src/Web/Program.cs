using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Database.DataProtection;
using PipedriveMaileon.ServiceDefaults;
using PipedriveMaileon.ServiceDefaults.Health;
using PipedriveMaileon.Web.Health;
using PipedriveMaileon.Web.Hosting;
using PipedriveMaileon.Web.Installation;
using PipedriveMaileon.Web.Layout;
using PipedriveMaileon.Web.Observability;
using PipedriveMaileon.Web.Operations;
using PipedriveMaileon.Web.Sessions;
using PipedriveMaileon.Web.Settings;
using PipedriveMaileon.Web.Webhooks;

if (args is [HealthProbe.CommandName, var probeUrl])
{
    // Container healthcheck without curl: `dotnet PipedriveMaileon.Web.dll probe http://127.0.0.1:8080/health/ready`.
    return Uri.TryCreate(probeUrl, UriKind.Absolute, out var url)
        ? await HealthProbe.RunAsync(url, Console.Out)
        : HealthProbe.Unhealthy;
}

// The program's own folder is the content root, so appsettings.json is read wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddServiceDefaults(Telemetry.Profile).AddClusterCheck();
builder.Services.AddOptions<PipedriveAppOptions>().Bind(builder.Configuration.GetSection(PipedriveAppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<PublicAppOptions>().Bind(builder.Configuration.GetSection(PublicAppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApplicationDatabase(builder.Configuration);
builder.Services.AddSharedDataProtection(builder.Configuration);
builder.Services.AddTenantSessions(builder.Configuration);
builder.Services.AddOperatorAuthentication(builder.Configuration);
builder.Services.AddSingleton<OAuthState>();
builder.Services.AddRazorPages(o => o.RootDirectory = "/");
builder.Services.AddWebhookIngress(builder.Configuration);
builder.AddClusterClient();
builder.AddTelemetry();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseSettingsAssets();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapInstallationEndpoints();
WebhookEndpoints.Map(app);
app.MapLedgerExports();
app.MapRazorPages();
app.MapOperatorEndpoints();
app.MapOperatorTelemetry(OperatorAuthenticationHandler.PolicyName);
app.Run();
return 0;

/// <summary>Entry point; public so tests can host the web front end.</summary>
public partial class Program;
