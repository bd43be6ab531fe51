using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// A tenant's periodic self-check (see <see cref="ITenantHealthGrain"/>): a reminder that runs the setup again, which
/// repairs what disappeared and records what it found. Holds nothing but the reminder, so it leaves memory as soon
/// as each call is done; the reminder activates it again.
/// </summary>
[GrainType(GrainTypes.TenantHealth)]
public sealed partial class TenantHealthGrain(
    IOptions<TenantSetupOptions> options,
    TenantConnections tenants,
    PipedriveIdMigration migration,
    ILogger<TenantHealthGrain> logger) : Grain, ITenantHealthGrain, IRemindable
{
    public const string ReminderName = "self-healing";

    public async Task Start()
    {
        var period = TimeSpan.FromMinutes(options.Value.SelfHealingMinutes);
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        this.DeactivateOnIdle();
    }

    public async Task Stop()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        this.DeactivateOnIdle();
    }

    /// <summary>The setup run skips a tenant that is not active or has no Maileon key.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await GrainFactory.TenantSetup(this.GetPrimaryKeyLong()).RunSetup(actingUserId: null);
            await MigratePipedriveIdsAsync();
        }

        this.DeactivateOnIdle();
    }

    /// <summary>A few pages of the background <c>pipedriveId</c> move per self-check; a failure waits for the next one.</summary>
    private async Task MigratePipedriveIdsAsync()
    {
        var companyId = this.GetPrimaryKeyLong();
        var tenant = GrainFactory.Tenant(companyId);
        if (await tenant.GetPipedriveIdMigrationPage() is not { } page)
        {
            return;
        }

        var connection = await tenants.GetAsync(companyId);
        if (connection.Status != TenantStatus.Active || connection.MaileonApiKey is null)
        {
            return;
        }

        try
        {
            var (next, migrated, done) = await migration.RunAsync(tenants.Maileon(connection), companyId, page, CancellationToken.None);
            await tenant.RecordPipedriveIdMigration(next, migrated, done);
        }
        catch (ApiClientException ex)
        {
            LogMigrationPaused(companyId, ex.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {CompanyId}: pipedriveId migration paused ({Kind}); the next self-check continues")]
    private partial void LogMigrationPaused(long companyId, ApiFailureKind kind);
}
