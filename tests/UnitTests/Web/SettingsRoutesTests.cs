using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.UnitTests.Web;

/// <summary>The settings page answers at both of its public addresses, and every settings route needs the admin policy.</summary>
public sealed class SettingsRoutesTests
{
    [Fact]
    public async Task TheSettingsPageAnswersAtSettingsAndPipedriveApp()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(SessionAuthentication).Assembly.GetName().Name });
        // In Program.cs's order: the sessions are added before Razor Pages, whose setup must not wipe their conventions.
        builder.Services.AddTenantSessions(new ConfigurationBuilder().Build());
        builder.Services.AddRazorPages(o => o.RootDirectory = "/").AddApplicationPart(typeof(SessionAuthentication).Assembly);
        await using var app = builder.Build();
        app.MapRazorPages();
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        var patterns = endpoints.Select(e => e.RoutePattern.RawText).ToList();
        Assert.Contains("settings", patterns);
        Assert.Contains("pipedrive-app", patterns);
    }
}
