using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using TenantPlan = PipedriveMaileon.Grains.Outbox.EffectPlan<PipedriveMaileon.Grains.Tenants.TenantEffect>;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>A tenant's outbox rules: revoking the authorisation after an uninstall, keeping the operators' directory and the web tier's credential directory current.</summary>
public sealed class TenantOutboxRules : IOutboxRules<TenantState, TenantWork, TenantEffect>
{
    public string WorkKindOf(TenantWork work) => work.Kind.ToString();

    public bool NeedsIntentRecord(TenantWork work) => false;

    public TenantPlan Plan(TenantState state, OutboxEntry<TenantWork> entry, OutboxKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Work switch
        {
            { Kind: TenantWorkKind.RevokeAuthorization, Token: { } token } => TenantPlan.Call(new TenantEffect.RevokeAuthorization(token)),
            { Kind: TenantWorkKind.RevokeAuthorization } => TenantPlan.Settle(EffectOutcome.Done("Nothing left to revoke.")),
            // The directory shows the tenant as it is when the entry runs, so a later change never loses to an earlier one.
            { Kind: TenantWorkKind.UpdateDirectory } => TenantPlan.Call(new TenantEffect.UpdateDirectory(state.CompanyName ?? string.Empty, state.Status, state.InstalledAt ?? entry.CreatedAt)),
            // Likewise the web tier's credential directory: what the tenant is when the entry runs.
            { Kind: TenantWorkKind.PublishIngress } when state.Status is TenantStatus.Active or TenantStatus.NeedsReauthorization =>
                TenantPlan.Call(new TenantEffect.PublishIngress(true, state.PipedriveCredentialHash, state.MaileonTokenHash)),
            { Kind: TenantWorkKind.PublishIngress } when state.Status == TenantStatus.Uninstalled => TenantPlan.Call(new TenantEffect.PublishIngress(false, null, null)),
            { Kind: TenantWorkKind.PublishIngress } => TenantPlan.Settle(EffectOutcome.Done("Never installed: nothing to publish.")),
            { Kind: TenantWorkKind.ResumeWork } when state.Status == TenantStatus.Active => TenantPlan.Call(new TenantEffect.ResumeWork()),
            { Kind: TenantWorkKind.ResumeWork } => TenantPlan.Settle(EffectOutcome.Done("Not connected (any more): nothing to resume.")),
            _ => TenantPlan.Settle(EffectOutcome.Fail($"Unknown tenant work {entry.Work.Kind}.")),
        };
    }

    public void Apply(TenantState state, RecordedEffect<TenantWork> effect)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(effect);
        if (effect.Disposition is OutboxDisposition.WillRetry or OutboxDisposition.WaitingForCredentials)
        {
            return;
        }

        // Settled either way: the refresh token leaves the state.
        effect.Work.Token = null;
        if (effect.Work.Kind is TenantWorkKind.RevokeAuthorization or TenantWorkKind.ResumeWork || effect.Disposition == OutboxDisposition.Parked)
        {
            TenantJournal.Note(state, effect.Now, effect.Disposition == OutboxDisposition.Completed ? ActivityLevel.Info : ActivityLevel.Warning, effect.Outcome.Summary);
        }
    }
}
