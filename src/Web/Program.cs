using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Database.DataProtection;
using PipedriveMaileon.Web.Health;
using PipedriveMaileon.Web.Hosting;
using PipedriveMaileon.Web.Observability;
using PipedriveMaileon.Web.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplicationDatabase(builder.Configuration);
builder.Services.AddSharedDataProtection(builder.Configuration);
builder.Services.AddOperatorAuthentication(builder.Configuration);
builder.Services.AddReadinessChecks();
builder.AddClusterClient();
builder.AddTelemetry();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapOperatorEndpoints();
app.MapOperatorTelemetry(OperatorAuthenticationHandler.PolicyName);
app.Run();

/// <summary>Entry point; public so tests can host the web front end.</summary>
public partial class Program;
