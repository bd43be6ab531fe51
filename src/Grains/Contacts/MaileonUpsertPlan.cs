using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The contact write to send for an address. <see cref="Permission"/> is null on updates: the <c>permission</c> query
/// parameter must then be left out, because Maileon ignores a lower permission only for contacts holding DOI/DOI+ and
/// would overwrite SOI, COI or "other". <see cref="Data"/> carries an external id only when the contact is created.
/// </summary>
public sealed record MaileonUpsertPlan(
    MaileonContactOwner Owner,
    bool Creates,
    MaileonPermissionLevel? Permission,
    bool StartDoubleOptIn,
    MaileonContactData Data,
    IReadOnlyList<string> Notes);
