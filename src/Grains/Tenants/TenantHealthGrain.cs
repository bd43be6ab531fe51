using Microsoft.Extensions.Options;
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
public sealed class TenantHealthGrain(IOptions<TenantSetupOptions> options) : Grain, ITenantHealthGrain, IRemindable
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
        }

        this.DeactivateOnIdle();
    }
}
