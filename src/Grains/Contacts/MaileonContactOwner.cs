namespace PipedriveMaileon.Grains.Contacts;

/// <summary>Who a Maileon contact belongs to, as far as the app may touch it.</summary>
public enum MaileonContactOwner
{
    /// <summary>No active contact for the address: the app creates one and owns it.</summary>
    Nobody,

    /// <summary>Created by this tenant: its external id is <c>pd-{thisCompany}-…</c>.</summary>
    ThisTenant,

    /// <summary>Created by another company sharing the Maileon account (<c>pd-{otherCompany}-…</c>).</summary>
    AnotherTenant,

    /// <summary>Anything else: a shop, an import, the incumbent app, a contact without external id.</summary>
    AnotherSystem,
}
