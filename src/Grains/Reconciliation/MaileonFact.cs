using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>A Maileon fact for one of this tenant's persons, ready for <c>IContactSyncGrain.Reconcile</c>.</summary>
public sealed record MaileonFact(long PersonId, MaileonEvent Event);
