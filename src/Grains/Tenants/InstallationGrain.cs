using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Completes OAuth installations inside the cluster (stateless: any silo, many at once).</summary>
[StatelessWorker]
[GrainType("installation")]
public sealed partial class InstallationGrain(
    PipedriveOAuthClient oauth,
    PipedriveApiClient pipedrive,
    SecretProtector secrets,
    ILogger<InstallationGrain> logger) : Grain, IInstallationGrain
{
    private const int InstallAttempts = 3;
    private static readonly TimeSpan InstallRetryDelay = TimeSpan.FromMilliseconds(500);

    public async Task<InstallationResult> CompleteAuthorization(string code, Uri redirectUri)
    {
        PipedriveTokens tokens;
        try
        {
            tokens = await oauth.ExchangeCodeAsync(code, redirectUri);
        }
        catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.InvalidGrant)
        {
            return InstallationResult.Failed("Pipedrive did not accept the authorisation code: it was already used or has expired (codes are valid for 5 minutes). Nothing was installed; please start again.");
        }
        catch (ApiClientException ex)
        {
            LogExchangeFailed(ex.Kind, ex.StatusCode);
            return InstallationResult.Failed(ex.IsTransient
                ? "Pipedrive could not be reached to complete the installation. Nothing was installed; please try again in a moment."
                : "Pipedrive refused to complete the installation (the app's client credentials may be wrong). Nothing was installed.");
        }

        PipedriveUser user;
        try
        {
            user = await pipedrive.GetCurrentUserAsync(tokens.ToConnection(0));
        }
        catch (ApiClientException ex)
        {
            LogIdentityFailed(ex.Kind, ex.StatusCode);
            return InstallationResult.Failed("The installation was authorised, but Pipedrive did not say which company it is for. Nothing was installed; please try again.");
        }

        if (user.CompanyId is not { } companyId)
        {
            return InstallationResult.Failed("Pipedrive's answer named no company. Nothing was installed.");
        }

        // App sharing lets any user of a company authorise the app; only an admin installs it or replaces the
        // installation's tokens. A regular user's grant is dropped unused (revoking it would uninstall the app for them).
        if (!user.IsAdmin || !user.IsActive)
        {
            LogNotAdmin(companyId, user.Id);
            return new InstallationResult
            {
                Succeeded = false,
                RefusedNotAdmin = true,
                CompanyId = companyId,
                CompanyName = user.CompanyName ?? $"Company {companyId}",
                UserId = user.Id,
                UserName = user.Name,
                FailureMessage = "Only an admin of the company can install this app or change its settings.",
            };
        }

        var grant = new InstallationGrant
        {
            CompanyId = companyId,
            CompanyName = user.CompanyName ?? $"Company {companyId}",
            UserId = user.Id,
            UserName = user.Name ?? $"User {user.Id}",
            UserEmail = user.Email,
            ApiBase = tokens.ApiDomain,
            AccessToken = secrets.Protect(tokens.AccessToken),
            RefreshToken = secrets.Protect(tokens.RefreshToken),
            AccessTokenExpiresAt = tokens.ExpiresAt,
            Scopes = tokens.Scopes,
        };

        // The code is spent by now, so a failure here would send the admin through Pipedrive again. A storage hiccup
        // (typically a pooled connection that died with a database restart; the pool is dropped when it shows) gets
        // two more tries on a fresh connection: Install is idempotent.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GrainFactory.GetGrain<ITenantGrain>(companyId).Install(grant);
            }
            // A failed write arrives as GrainStateUnavailableException; a failed read while the tenant grain activates
            // arrives as the provider's own error (no grain method ran to translate it).
            catch (Exception ex) when (attempt < InstallAttempts && IsStorageFailure(ex))
            {
                if (DatabaseFailures.IsConnectionLoss(ex))
                {
                    DatabaseFailures.DropIdleConnections();
                }

                LogInstallRetried(companyId);
                await Task.Delay(InstallRetryDelay);
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                return InstallationResult.Failed("Pipedrive authorised the app, but its database could not be reached to store the installation. Nothing was installed; please start the installation again in a minute.");
            }
        }
    }

    private static bool IsStorageFailure(Exception exception) =>
        exception is GrainStateUnavailableException || DatabaseFailures.IsDatabaseFailure(exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the installation of company {CompanyId} failed on the database; trying once more")]
    private partial void LogInstallRetried(long companyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} of company {CompanyId} authorised the app but is not an admin; nothing was stored")]
    private partial void LogNotAdmin(long companyId, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth code exchange failed ({Kind}, status {Status})")]
    private partial void LogExchangeFailed(ApiFailureKind kind, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the installing user failed ({Kind}, status {Status})")]
    private partial void LogIdentityFailed(ApiFailureKind kind, int? status);
}
