using Microsoft.Extensions.Options;
using PipedriveMaileon.Web.Installation;
using PipedriveMaileon.Web.Layout;

namespace PipedriveMaileon.Web.Hosting;

/// <summary>
/// Pages may be framed only by Pipedrive (the app-settings iframe) and ourselves; nothing sniffs content types.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ContentSecurityPolicy.Build(app.ApplicationServices.GetRequiredService<IOptions<PipedriveAppOptions>>().Value);
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            await next();
        });
    }
}
