using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// What <see cref="MaileonContactMapper"/> needs besides the person: the tenant and the names the grain already
/// looked up. A null <see cref="OrganizationName"/>, <see cref="OwnerName"/> or <see cref="OwnerEmail"/> means
/// "not known" (no lookup or lookup failed) while the person does point at an organisation/owner; the field is then
/// left out so Maileon keeps its value. A person without organisation/owner clears the fields instead.
/// </summary>
public sealed record ContactMappingContext(
    long CompanyId,
    string? OrganizationName,
    string? OwnerName,
    string? OwnerEmail,
    IReadOnlyList<ExtraFieldConfig> ExtraFields);
