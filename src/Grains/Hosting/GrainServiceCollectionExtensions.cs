using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using Microsoft.Extensions.Hosting;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Hosting;

public static class GrainServiceCollectionExtensions
{
    /// <summary>Services the grains need in a silo with PostgreSQL (the journal tables and the outbox index).</summary>
    public static IServiceCollection AddGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPipedriveClients(configuration);
        services.AddMaileonClients(configuration);
        services.AddOptions<TenantSetupOptions>().Bind(configuration.GetSection(TenantSetupOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TenantSetupOptions>>().Value);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.ToPolicy());
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EngagementOptions>().Bind(configuration.GetSection(EngagementOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PostgresJournalWriter>();
        services.AddSingleton<IJournalWriter>(sp => sp.GetRequiredService<PostgresJournalWriter>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PostgresJournalWriter>());
        services.TryAddSingleton<DealEventBatcher>();
        services.TryAddSingleton<ITenantWorkIndex, TenantWorkIndex>();
        services.TryAddSingleton<DealPersonLookup>();
        return services.AddEffectHandlers().AddGrainRuntimeServices();
    }

    /// <summary>The silo's effect handlers: what performs each outbox command against the real APIs (tests put fakes first).</summary>
    public static IServiceCollection AddEffectHandlers(this IServiceCollection services)
    {
        services.TryAddSingleton<IEffectHandler<ContactEffect>, ContactEffectHandler>();
        services.TryAddSingleton<IEffectHandler<AddressEffect>, AddressEffectHandler>();
        services.TryAddSingleton<IEffectHandler<TenantEffect>, TenantEffectHandler>();
        services.TryAddSingleton<IEffectHandler<DealEffect>, DealEffectHandler>();
        services.TryAddSingleton<IEffectHandler<EngagementEffect>, EngagementEffectHandler>();
        return services;
    }

    /// <summary>Services every silo needs, whatever the storage (also used by in-memory test clusters).</summary>
    public static IServiceCollection AddGrainRuntimeServices(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<GrainMetrics>();
        services.TryAddSingleton(RetryPolicy.Default);
        services.AddSingleton<OutboxServices>();
        services.AddSingleton<SecretProtector>();
        services.TryAddSingleton<TenantConnections>();
        services.TryAddSingleton<TenantSettingsCheck>();
        services.TryAddSingleton<TenantWorkResumer>();
        services.TryAddSingleton<UnsubscribesBeforeUninstall>();
        services.TryAddSingleton<PipedriveIdMigration>();
        services.TryAddSingleton<MaileonAccountSwitch>();
        services.TryAddSingleton<TenantWebhookRemoval>();
        services.AddOutbox<TenantState, TenantWork, TenantEffect, TenantOutboxRules>(GrainTypes.Tenant, OutboxKeyKind.Company);
        services.AddOutbox<ContactState, ContactWork, ContactEffect, ContactOutboxRules>(GrainTypes.Contact, OutboxKeyKind.CompanyEntity);
        services.AddOutbox<AddressState, AddressWork, AddressEffect, AddressOutboxRules>(GrainTypes.Address, OutboxKeyKind.CompanyAddress);
        services.AddOutbox<DealState, DealWork, DealEffect, DealOutboxRules>(GrainTypes.Deal, OutboxKeyKind.CompanyEntity);
        services.AddOutbox<ReconciliationState, ReconciliationWork, ReconciliationWork, JournalOnlyOutboxRules<ReconciliationState, ReconciliationWork>>(GrainTypes.Reconciliation, OutboxKeyKind.Company);
        services.TryAddSingleton<ReconciliationServices>();
        services.AddOutbox<FirstSyncState, FirstSyncWork, FirstSyncWork, JournalOnlyOutboxRules<FirstSyncState, FirstSyncWork>>(GrainTypes.FirstSync, OutboxKeyKind.Company);
        services.TryAddSingleton<IFirstSyncSource, ApiFirstSyncSource>();
        services.AddOutbox<EngagementState, EngagementWork, EngagementWork, JournalOnlyOutboxRules<EngagementState, EngagementWork>>(GrainTypes.Engagement, OutboxKeyKind.Company);
        services.AddOutbox<PersonEngagementState, PersonEngagementWork, EngagementEffect, PersonEngagementOutboxRules>(GrainTypes.PersonEngagement, OutboxKeyKind.CompanyEntity);
        services.TryAddSingleton<EngagementServices>();
        services.TryAddSingleton<IEngagementReports, MaileonEngagementReports>();

        // Engagement's one way to identity by address: the tenant's grain of the address.
        services.TryAddSingleton<ITenantAddressPersons, AddressGrainPersons>();
        services.TryAddSingleton<PipedriveLookupCache>();
        services.TryAddSingleton<ContactMaps>();
        services.Configure<Orleans.Configuration.GrainCollectionOptions>(options => TenantGrainIdleness.Apply(options, TenantGrainIdleness.Age));
        return services;
    }
}
