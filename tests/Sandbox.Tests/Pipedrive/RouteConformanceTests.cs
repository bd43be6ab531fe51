using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>Every API route the Pipedrive emulator serves exists in Pipedrive's official spec with the same method.</summary>
public sealed partial class RouteConformanceTests(PipedriveSandboxFactory factory, ITestOutputHelper output) : IClassFixture<PipedriveSandboxFactory>
{
    [Fact]
    public void Every_emulated_api_route_is_an_operation_of_the_official_spec()
    {
        _ = factory.CreateClient();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var v1 = OpenApiSpec.V1.Operations().Select(o => (o.Method, Normalize(o.Path))).ToHashSet();
        var v2 = OpenApiSpec.V2.Operations().Select(o => (o.Method, Normalize(o.Path))).ToHashSet();

        var checkedRoutes = new List<string>();
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var (spec, path) = pattern switch
            {
                _ when pattern.StartsWith("/api/v2/", StringComparison.Ordinal) => (v2, pattern["/api/v2".Length..]),
                _ when pattern.StartsWith("/api/v1/", StringComparison.Ordinal) => (v1, pattern["/api/v1".Length..]),
                _ when pattern.StartsWith("/v1/", StringComparison.Ordinal) => (v1, pattern["/v1".Length..]),
                _ => (null, ""),
            };
            if (spec is null)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                checkedRoutes.Add($"{method} {pattern}");
                if (!spec.Contains((method, Normalize(path))))
                {
                    missing.Add($"{method} {pattern}");
                }
            }
        }

        output.WriteLine($"{checkedRoutes.Count} emulated API routes checked against {v1.Count} v1 and {v2.Count} v2 spec operations; {missing.Count} not in the spec");
        Assert.True(checkedRoutes.Count >= 20, $"only {checkedRoutes.Count} API routes found");
        Assert.Empty(missing);
    }

    /// <summary>Route parameters compare by position, not by name or constraint (<c>{id:long}</c> = <c>{id}</c>).</summary>
    private static string Normalize(string path) => Parameter().Replace(path, "{}");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
