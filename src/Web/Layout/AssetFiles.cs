using Microsoft.Extensions.FileProviders;

namespace PipedriveMaileon.Web.Layout;

/// <summary>
/// The pages' style sheet and scripts (<c>Assets/</c>) and Pipedrive's App Extensions SDK (installed from npm by the
/// build, see Web.csproj) are embedded in the assembly and served from our own origin under <c>/assets</c>: no CDN,
/// and every node serves the files it was built with.
/// </summary>
public static class AssetFiles
{
    public const string RequestPath = "/assets";

    public static IApplicationBuilder UseSettingsAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(AssetFiles).Assembly, "PipedriveMaileon.Web.Assets"),
            RequestPath = RequestPath,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=300",
        });
}
