namespace PipedriveMaileon.Grains.Outbox;

/// <summary>Which attempt of which outbox entry an effect is.</summary>
/// <param name="PreviousAttempts">Attempts recorded before this one (waits for credentials are not attempts).</param>
/// <param name="MayHaveRunBefore">
/// False only for the very first attempt of an effect whose start this activation just stored (see
/// <see cref="OutboxEntry{TWork}.StartedAt"/>); otherwise an earlier attempt may have reached the other side with its
/// answer lost, and an effect that must not run twice checks first.
/// </param>
/// <param name="CorrelationId">The event that caused the work (a webhook's id), when one did.</param>
/// <param name="AfterCredentialWait">
/// The entry waited for the tenant's credentials: the handler must fetch the tenant's connection afresh rather than use
/// a copy kept from before the admin renewed them.
/// </param>
public sealed record EffectAttempt(long EntryId, int PreviousAttempts, bool MayHaveRunBefore, string? CorrelationId, bool AfterCredentialWait = false);
