using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>A Maileon fact for one address of the tenant, ready for <c>MaileonEventRouting.ReconcileMaileonAsync</c>.</summary>
public sealed record MaileonFact(MaileonEvent Event);
