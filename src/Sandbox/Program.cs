using System.Text.Json.Serialization;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.LivedIn;
using PipedriveMaileon.Sandbox.Maileon;
using PipedriveMaileon.Sandbox.Pipedrive;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // Pipedrive's emulator on 5101 and Maileon's on 5102 unless ASPNETCORE_URLS / --urls say otherwise.
    builder.WebHost.UseUrls("http://localhost:5101", "http://localhost:5102");
}

builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddSandboxShared(builder.Configuration);
builder.Services.AddMaileonEmulator(builder.Configuration);
builder.Services.AddPipedriveEmulator(builder.Configuration);
builder.Services.AddLivedInFixture();

var app = builder.Build();
app.UseSandboxShared();
app.MapSandboxControl();
app.MapMaileonEmulator();
app.MapPipedriveEmulator();
app.MapLivedInFixture();
app.MapGet("/", () => Results.Content(
    """<!doctype html><title>Sandbox</title><h1>PipedriveMaileon sandbox</h1><ul><li><a href="/pipedrive">Pipedrive console</a></li><li><a href="/maileon">Maileon console</a></li></ul>""",
    "text/html"));
app.Run();

/// <summary>Entry point; public so tests can host the emulators with WebApplicationFactory.</summary>
public partial class Program;
