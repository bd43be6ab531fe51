using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Performs a tenant's effects: Pipedrive's OAuth revoke, and the operators' tenant directory.</summary>
public sealed class TenantEffectHandler(PipedriveOAuthClient oauth, SecretProtector secrets, TenantDirectory directory) : IEffectHandler<TenantEffect>
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
            default:
                return EffectOutcome.Fail($"Unknown tenant effect {request.Command.What}.");
        }
    }
}
