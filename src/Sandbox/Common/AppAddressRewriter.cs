using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Pipedrive;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>
/// Routes the emulators' calls to the app (webhooks, uninstall notices) from its public origin to
/// <see cref="SandboxOptions.AppInternalUrl"/>; every other address is left alone.
/// </summary>
public sealed class AppAddressRewriter(IOptions<SandboxOptions> sandbox, IOptions<PipedriveEmulatorOptions> pipedrive) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (sandbox.Value.AppInternalUrl is { } target && request.RequestUri is { } uri
            && (pipedrive.Value.AppUrl ?? pipedrive.Value.RedirectUri) is { } appUrl)
        {
            request.RequestUri = Rewrite(uri, appUrl, target);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary><paramref name="uri"/> with <paramref name="target"/>'s scheme, host and port when it has <paramref name="publicUrl"/>'s origin.</summary>
    public static Uri Rewrite(Uri uri, Uri publicUrl, Uri target)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(publicUrl);
        ArgumentNullException.ThrowIfNull(target);
        if (!uri.IsAbsoluteUri || Uri.Compare(uri, publicUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return uri;
        }

        return new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
    }
}
