using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Database.DataProtection;
using PipedriveMaileon.Web.Health;
using PipedriveMaileon.Web.Hosting;
using PipedriveMaileon.Web.Installation;
using PipedriveMaileon.Web.Observability;
using PipedriveMaileon.Web.Operations;
using PipedriveMaileon.Web.Sessions;
using PipedriveMaileon.Web.Settings;
using PipedriveMaileon.Web.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOptions<PipedriveAppOptions>().Bind(builder.Configuration.GetSection(PipedriveAppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<PublicAppOptions>().Bind(builder.Configuration.GetSection(PublicAppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApplicationDatabase(builder.Configuration);
builder.Services.AddSharedDataProtection(builder.Configuration);
builder.Services.AddTenantSessions(builder.Configuration);
builder.Services.AddOperatorAuthentication(builder.Configuration);
builder.Services.AddSingleton<OAuthState>();
builder.Services.AddRazorPages(o => o.RootDirectory = "/");
builder.Services.AddReadinessChecks();
builder.Services.AddWebhookIngress(builder.Configuration);
builder.AddClusterClient();
builder.AddTelemetry();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapInstallationEndpoints();
app.MapWebhookEndpoints();
app.MapLedgerExports();
app.MapRazorPages();
app.MapOperatorEndpoints();
app.MapTenantsPage();
app.MapOperatorTelemetry(OperatorAuthenticationHandler.PolicyName);
app.Run();

/// <summary>Entry point; public so tests can host the web front end.</summary>
public partial class Program;
