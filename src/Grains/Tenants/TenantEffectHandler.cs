using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Performs a tenant's effects: Pipedrive's OAuth revoke, the operators' tenant directory, the web tier's credential directory.</summary>
public sealed class TenantEffectHandler(PipedriveOAuthClient oauth, SecretProtector secrets, TenantDirectory directory, TenantIngressStore ingress, TenantWorkResumer resumer) : IEffectHandler<TenantEffect>
{
    public async Task<EffectOutcome> ExecuteAsync(EffectRequest<TenantEffect> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        switch (request.Command)
        {
            case TenantEffect.RevokeAuthorization revoke:
                try
                {
                    await oauth.RevokeAsync(secrets.Unprotect(revoke.RefreshToken), PipedriveTokenTypeHint.RefreshToken, cancellationToken);
                    return EffectOutcome.Done("Pipedrive authorisation revoked.");
                }
                catch (ApiClientException ex) when (ex.IsTransient)
                {
                    return EffectOutcome.Retry(TenantSetupRunner.Describe(ex), ex.RetryAfter);
                }
                catch (ApiClientException ex)
                {
                    return EffectOutcome.Fail(TenantSetupRunner.Describe(ex));
                }

            case TenantEffect.UpdateDirectory entry:
                await directory.UpsertAsync(request.CompanyId, entry.CompanyName, entry.Status.ToString(), entry.InstalledAt, cancellationToken);
                return EffectOutcome.Done("The tenant directory shows the tenant as it is.");
            case TenantEffect.ResumeWork:
                var (resumed, unparked) = await resumer.ResumeAsync(request.CompanyId, cancellationToken);
                return EffectOutcome.Done(resumed + unparked == 0
                    ? "Reconnected; no work was waiting."
                    : $"Reconnected: {resumed} step(s) that waited for the tenant's credentials and {unparked} parked step(s) put back in line.");
            case TenantEffect.PublishIngress { Installed: true } publish:
                await ingress.PublishAsync(new TenantIngressEntry(request.CompanyId, true, publish.PipedriveCredentialHash, publish.MaileonTokenHash), cancellationToken);
                return EffectOutcome.Done("Webhooks are checked against the tenant's current credentials.");
            case TenantEffect.PublishIngress:
                await ingress.MarkUninstalledAsync(request.CompanyId, cancellationToken);
                return EffectOutcome.Done("Webhooks of the uninstalled tenant are answered 410.");
            default:
                return EffectOutcome.Fail($"Unknown tenant effect {request.Command.What}.");
        }
    }
}
