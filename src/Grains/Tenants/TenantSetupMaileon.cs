using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>The Maileon resources a tenant's setup works with: the account (key and name), custom fields and webhooks.</summary>
public sealed record TenantSetupMaileon(MaileonAccount Account, MaileonCustomFields CustomFields, MaileonWebhooks Webhooks);
