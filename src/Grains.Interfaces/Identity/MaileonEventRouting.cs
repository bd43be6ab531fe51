using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>
/// The one way a Maileon fact (webhook or reconciliation) reaches a tenant: by its address, to the tenant's grain of
/// that address, which updates every person of the tenant with it. Never by the external id: another system or another
/// Pipedrive company sharing the Maileon account may own it. An address Maileon would not accept names nobody.
/// </summary>
public static class MaileonEventRouting
{
    /// <summary>A Maileon webhook (already authenticated and parsed) for <paramref name="companyId"/>.</summary>
    public static Task<IngressOutcome> AcceptMaileonAsync(this IGrainFactory grains, long companyId, MaileonEvent maileonEvent) =>
        Route(grains, companyId, maileonEvent, (address, e) => address.AcceptMaileon(e));

    /// <summary>A fact reconciliation found that the webhooks missed.</summary>
    public static Task<IngressOutcome> ReconcileMaileonAsync(this IGrainFactory grains, long companyId, MaileonEvent maileonEvent) =>
        Route(grains, companyId, maileonEvent, (address, e) => address.Reconcile(e));

    private static Task<IngressOutcome> Route(IGrainFactory grains, long companyId, MaileonEvent maileonEvent, Func<IAddressGrain, MaileonEvent, Task<IngressOutcome>> deliver)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(maileonEvent);
        return EmailAddressKey.Of(maileonEvent.Email) is { } key
            ? deliver(grains.Address(companyId, key), maileonEvent)
            : Task.FromResult(IngressOutcome.Ignored("The e-mail address is not one Maileon accepts; it names no person."));
    }
}
