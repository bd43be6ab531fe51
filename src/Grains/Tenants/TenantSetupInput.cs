using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Everything one run of the setup needs, with secrets already unprotected for this call only; <see cref="BounceWebhook"/>
/// while the engagement setting includes hard bounces.
/// </summary>
public sealed record TenantSetupInput(
    long CompanyId,
    PipedriveConnection Pipedrive,
    MaileonConnection Maileon,
    NewsletterFieldConfig? KnownNewsletterField,
    bool DealEventsEnabled,
    IReadOnlyList<ExtraFieldConfig> ExtraFields,
    string PipedriveWebhookUser,
    string PipedriveWebhookPassword,
    string MaileonWebhookToken,
    bool BounceWebhook = false);
