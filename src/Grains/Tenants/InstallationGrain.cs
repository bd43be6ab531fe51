using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Completes OAuth installations inside the cluster (stateless: any silo, many at once).</summary>
[StatelessWorker]
[GrainType(GrainTypes.Installation)]
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
        var (grant, failure) = await GrantAsync(code, redirectUri);
        return grant is null ? failure! : await InstallAsync(grant);
    }

    /// <summary>Exchanges the code and reads who installed it for which company; a failure says so in words for the admin.</summary>
    private async Task<(InstallationGrant? Grant, InstallationResult? Failure)> GrantAsync(string code, Uri redirectUri)
    {
        var (exchanged, exchangeFailure) = await ExchangeCodeAsync(code, redirectUri);
        if (exchanged is not { } tokens)
        {
            return (null, exchangeFailure);
        }

        PipedriveUser user;
        try
        {
            user = await pipedrive.GetCurrentUserAsync(tokens.ToConnection(0));
        }
        catch (ApiClientException ex)
        {
            LogIdentityFailed(ex.Kind, ex.StatusCode);
            return (null, InstallationResult.Failed("The installation was authorised, but Pipedrive did not say which company it is for. Nothing was installed; please try again."));
        }

        if (user.CompanyId is not { } companyId)
        {
            return (null, InstallationResult.Failed("Pipedrive's answer named no company. Nothing was installed."));
        }

        // App sharing lets any user of a company authorise the app; only an admin installs it or replaces the
        // installation's tokens. A regular user's grant is dropped unused (revoking it would uninstall the app for them).
        if (!user.IsAdmin || !user.IsActive)
        {
            LogNotAdmin(companyId, user.Id);
            return (null, new InstallationResult
            {
                Succeeded = false,
                RefusedNotAdmin = true,
                CompanyId = companyId,
                CompanyName = user.CompanyName ?? $"Company {companyId}",
                UserId = user.Id,
                UserName = user.Name,
                FailureMessage = "Only an admin of the company can install this app or change its settings.",
            });
        }

        return (new InstallationGrant
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
        }, null);
    }

    /// <summary>The code for tokens; a refusal or an unreachable Pipedrive is said in words for the admin.</summary>
    private async Task<(PipedriveTokens? Tokens, InstallationResult? Failure)> ExchangeCodeAsync(string code, Uri redirectUri)
    {
        try
        {
            return (await oauth.ExchangeCodeAsync(code, redirectUri), null);
        }
        catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.InvalidGrant)
        {
            return (null, InstallationResult.Failed("Pipedrive did not accept the authorisation code: it was already used or has expired (codes are valid for 5 minutes). Nothing was installed; please start again."));
        }
        catch (ApiClientException ex)
        {
            LogExchangeFailed(ex.Kind, ex.StatusCode);
            return (null, InstallationResult.Failed(ex.IsTransient
                ? "Pipedrive could not be reached to complete the installation. Nothing was installed; please try again in a moment."
                : "Pipedrive refused to complete the installation (the app's client credentials may be wrong). Nothing was installed."));
        }
    }

    /// <summary>
    /// The code is spent by now, so a failure here would send the admin through Pipedrive again. A write the storage
    /// could not complete (typically on a connection a database restart killed) gets two more tries: Install is
    /// idempotent. Activation reads ride out a restart in the grain storage itself.
    /// </summary>
    private async Task<InstallationResult> InstallAsync(InstallationGrant grant)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var installed = await GrainFactory.Tenant(grant.CompanyId).Install(grant);
                await SetUpAsync(grant.CompanyId, grant.UserId);
                return installed;
            }
            catch (GrainStateUnavailableException) when (attempt < InstallAttempts)
            {
                LogInstallRetried(grant.CompanyId);
                await Task.Delay(InstallRetryDelay);
            }
            catch (GrainStateUnavailableException)
            {
                return InstallationResult.Failed("Pipedrive authorised the app, but its database could not be reached to store the installation. Nothing was installed; please start the installation again in a minute.");
            }
        }
    }

    /// <summary>
    /// A re-authorisation after a lost grant: webhooks and fields are put back in place at once (a first install has
    /// no Maileon key yet, so the setup skips). Best effort: the tenant's self-check repeats it.
    /// </summary>
    private async Task SetUpAsync(long companyId, long userId)
    {
        try
        {
            await GrainFactory.TenantSetup(companyId).RunSetup(userId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSetupFailed(ex, companyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the installation of company {CompanyId} failed on the database; trying once more")]
    private partial void LogInstallRetried(long companyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Setting up company {CompanyId} after its installation failed; its self-check repeats it")]
    private partial void LogSetupFailed(Exception exception, long companyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} of company {CompanyId} authorised the app but is not an admin; nothing was stored")]
    private partial void LogNotAdmin(long companyId, long userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth code exchange failed ({Kind}, status {Status})")]
    private partial void LogExchangeFailed(ApiFailureKind kind, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the installing user failed ({Kind}, status {Status})")]
    private partial void LogIdentityFailed(ApiFailureKind kind, int? status);
}
