using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Web.Observability;
using PipedriveMaileon.Web.Webhooks;

namespace PipedriveMaileon.UnitTests.Web;

/// <summary>The per-company and per-client limits of webhook ingress.</summary>
public sealed class WebhookAdmissionTests
{
    private static WebhookAdmission Create(int burst = 3, int queue = 0, int failureBurst = 2) => new(Options.Create(new WebhookIngressOptions
    {
        PerTenantBurst = burst,
        PerTenantPerSecond = 1,
        PerTenantQueue = queue,
        AuthFailureBurst = failureBurst,
        AuthFailuresPerSecond = 1,
    }));

    [Fact]
    public async Task A_company_past_its_bucket_is_told_when_to_retry_while_another_company_goes_on()
    {
        await using var admission = Create(burst: 3);

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await admission.AdmitTenantAsync(7, CancellationToken.None));
        }

        Assert.NotNull(await admission.AdmitTenantAsync(7, CancellationToken.None));
        Assert.Null(await admission.AdmitTenantAsync(8, CancellationToken.None));
    }

    [Fact]
    public async Task Failed_authentications_are_limited_per_client_address()
    {
        await using var admission = Create(failureBurst: 2);
        var client = IPAddress.Parse("203.0.113.9");

        Assert.Null(admission.CountFailure(client));
        Assert.Null(admission.CountFailure(client));
        Assert.NotNull(admission.CountFailure(client));
        Assert.NotNull(admission.CountFailure(IPAddress.Parse("::ffff:203.0.113.9")));
        Assert.Null(admission.CountFailure(IPAddress.Parse("203.0.113.10")));
    }

    [Fact]
    public void An_IPv6_client_is_one_client_across_its_whole_64_network()
    {
        Assert.Equal(WebhookAdmission.ClientKey(IPAddress.Parse("2001:db8:1:2::1")), WebhookAdmission.ClientKey(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        Assert.NotEqual(WebhookAdmission.ClientKey(IPAddress.Parse("2001:db8:1:2::1")), WebhookAdmission.ClientKey(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.NotEqual(WebhookAdmission.ClientKey(IPAddress.Parse("::1")), WebhookAdmission.ClientKey(IPAddress.Parse("0.0.0.1")));
        Assert.NotEqual(WebhookAdmission.ClientKey(null), WebhookAdmission.ClientKey(IPAddress.Parse("0.0.0.0")));
    }

    [Fact]
    public async Task Only_an_accepted_check_within_the_company_rate_goes_on_to_the_body()
    {
        await using var admission = Create(burst: 1, failureBurst: 1);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");

        Assert.Equal(WebhookOutcome.Unavailable, (await admission.AdmitAsync(CredentialCheck.NotReady, 7, context, basicChallenge: true))?.Item2);
        Assert.Equal(WebhookOutcome.Gone, (await admission.AdmitAsync(CredentialCheck.Gone, 7, context, basicChallenge: true))?.Item2);
        Assert.Equal(WebhookOutcome.Unauthorized, (await admission.AdmitAsync(CredentialCheck.Refused, 7, context, basicChallenge: true))?.Item2);
        Assert.Equal("Basic realm=\"webhooks\"", context.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal(WebhookOutcome.RateLimited, (await admission.AdmitAsync(CredentialCheck.Refused, 7, context, basicChallenge: true))?.Item2);

        Assert.Null(await admission.AdmitAsync(CredentialCheck.Accepted, 7, context, basicChallenge: true));
        Assert.Equal(WebhookOutcome.RateLimited, (await admission.AdmitAsync(CredentialCheck.Accepted, 7, context, basicChallenge: true))?.Item2);
    }
}
