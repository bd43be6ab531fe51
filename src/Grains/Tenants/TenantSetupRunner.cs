using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Sets up both sides for a tenant, idempotently: looks first, creates only what is missing, removes only what
/// is ours and stale. Every step reports Done, Failed or Skipped with a reason a person can act on; one failed step
/// does not stop the others.
/// </summary>
public sealed class TenantSetupRunner(PipedriveApiClient pipedrive, TenantSetupMaileon maileon, TenantSetupOptions options, TimeProvider time)
{
    public const string NewsletterStep = "Pipedrive Newsletter field";
    public const string PipedriveWebhooksStep = "Pipedrive webhooks";
    public const string MaileonFieldsStep = "Maileon custom fields";
    public const string MaileonWebhooksStep = "Maileon webhooks";
    public const string MaileonAccountStep = "Maileon account";

    private static readonly string[] PersonActions = ["create", "change", "delete"];
    private static readonly string[] MaileonEvents = ["doi", "unsubscription", "bounce"];

    /// <summary>The custom fields every synced contact carries (seed's table), with their Maileon types.</summary>
    public static readonly IReadOnlyList<(string Name, MaileonCustomFieldType Type)> StandardCustomFields =
    [
        ("createdByPipedrive", MaileonCustomFieldType.Boolean),
        ("pipedriveId", MaileonCustomFieldType.Integer),
        ("owner_name", MaileonCustomFieldType.String),
        ("owner_email", MaileonCustomFieldType.String),
    ];

    public async Task<TenantSetupResult> RunAsync(TenantSetupInput input, CancellationToken cancellationToken)
    {
        var steps = new List<SetupStepOutcome>();
        var webhooks = new List<WebhookHealth>();
        NewsletterFieldConfig? field = input.KnownNewsletterField;
        string? accountName = null;
        long? accountId = null;
        var pipedriveUnauthorized = false;
        var maileonUnauthorized = false;

        async Task Step(string name, Func<Task<(SetupStepState State, string Detail)>> run)
        {
            try
            {
                var (state, detail) = await run();
                steps.Add(new SetupStepOutcome(name, state, detail, time.GetUtcNow()));
            }
            catch (ApiClientException ex)
            {
                pipedriveUnauthorized |= ex is PipedriveApiException && ex.Kind == ApiFailureKind.Unauthorized;
                maileonUnauthorized |= ex is MaileonApiException && ex.Kind == ApiFailureKind.Unauthorized;
                steps.Add(new SetupStepOutcome(name, SetupStepState.Failed, Describe(ex), time.GetUtcNow()));
            }
        }

        await Step(NewsletterStep, async () =>
        {
            var (config, detail) = await NewsletterFieldSetup.EnsureAsync(pipedrive, input.Pipedrive, input.KnownNewsletterField, cancellationToken);
            field = config ?? field;
            return (config is null ? SetupStepState.Failed : SetupStepState.Done, detail);
        });
        await Step(PipedriveWebhooksStep, () => EnsurePipedriveWebhooksAsync(input, webhooks, cancellationToken));
        await Step(MaileonAccountStep, async () =>
        {
            var account = await maileon.Account.GetAccountInfoAsync(input.Maileon, cancellationToken);
            accountName = account.Name ?? account.CustomerAccountName;
            accountId = account.Id;
            return (SetupStepState.Done, $"Connected to Maileon account \"{accountName}\" ({account.Type ?? "account"} {account.Id}).");
        });
        await Step(MaileonFieldsStep, () => EnsureMaileonFieldsAsync(input, cancellationToken));
        await Step(MaileonWebhooksStep, () => EnsureMaileonWebhooksAsync(input, webhooks, cancellationToken));

        return new TenantSetupResult(steps, field, webhooks, accountName, pipedriveUnauthorized, maileonUnauthorized, accountId);
    }

    private async Task<(SetupStepState, string)> EnsurePipedriveWebhooksAsync(TenantSetupInput input, List<WebhookHealth> health, CancellationToken cancellationToken)
    {
        var url = options.PipedriveWebhookUrl(input.CompanyId);
        var wanted = PersonActions.Select(a => ("person", a)).ToList();
        if (input.DealEventsEnabled)
        {
            wanted.AddRange(PersonActions.Select(a => ("deal", a)));
        }

        var existing = await pipedrive.ListWebhooksAsync(input.Pipedrive, cancellationToken);
        var kept = new List<PipedriveWebhook>();
        var removed = 0;
        foreach (var hook in existing)
        {
            var isWanted = hook.SubscriptionUrl == url.ToString()
                && wanted.Contains((hook.EventObject, hook.EventAction))
                && hook.Version is null or "2.0"
                && (hook.HttpAuthUser is null || hook.HttpAuthUser == input.PipedriveWebhookUser)
                && !kept.Any(k => k.EventObject == hook.EventObject && k.EventAction == hook.EventAction);
            if (isWanted)
            {
                kept.Add(hook);
            }
            else
            {
                // Only this app's webhooks are listed: anything not wanted is ours and stale (old URL, duplicate, deals off).
                await pipedrive.DeleteWebhookAsync(input.Pipedrive, hook.Id, cancellationToken);
                removed++;
            }
        }

        var created = 0;
        foreach (var (entity, action) in wanted)
        {
            var hook = kept.FirstOrDefault(k => k.EventObject == entity && k.EventAction == action);
            if (hook is null)
            {
                hook = await pipedrive.CreateWebhookAsync(
                    input.Pipedrive,
                    new PipedriveWebhookDefinition(url, action, entity, $"maileon-sync-{entity}-{action}", input.PipedriveWebhookUser, input.PipedriveWebhookPassword),
                    cancellationToken);
                created++;
            }

            health.Add(new WebhookHealth(
                "Pipedrive",
                $"{entity}.{action}",
                Registered: true,
                State: hook.IsActive ? "healthy" : "banned",
                hook.LastDeliveryTime,
                hook.IsActive
                    ? (hook.LastHttpStatus is { } status and not (>= 200 and < 300) ? $"last delivery answered {status}" : null)
                    : "Pipedrive paused this webhook after failed deliveries; it resumes by itself (events meanwhile are caught up by reconciliation)."));
        }

        return (SetupStepState.Done, $"{wanted.Count} webhooks in place ({created} created, {removed} stale removed).");
    }

    private async Task<(SetupStepState, string)> EnsureMaileonFieldsAsync(TenantSetupInput input, CancellationToken cancellationToken)
    {
        var wanted = StandardCustomFields.ToList();
        foreach (var extra in input.ExtraFields)
        {
            wanted.Add((extra.Name, Enum.Parse<MaileonCustomFieldType>(extra.MaileonFieldType, ignoreCase: true)));
        }

        var existing = await maileon.CustomFields.ListCustomFieldsAsync(input.Maileon, cancellationToken);
        var created = new List<string>();
        var mismatched = new List<string>();
        foreach (var (name, type) in wanted)
        {
            var field = existing.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                await maileon.CustomFields.CreateCustomFieldAsync(input.Maileon, name, type, cancellationToken);
                created.Add(name);
            }
            else if (!field.HasType(type))
            {
                mismatched.Add($"{name} is of type {field.Type}, not {type.ToString().ToLowerInvariant()}");
            }
        }

        var detail = created.Count == 0 ? "All fields present." : $"Created {string.Join(", ", created)}.";
        return mismatched.Count == 0
            ? (SetupStepState.Done, detail)
            : (SetupStepState.Failed, detail + " Existing fields with another type: " + string.Join("; ", mismatched) + ". Rename or delete them in Maileon, then repair setup.");
    }

    private async Task<(SetupStepState, string)> EnsureMaileonWebhooksAsync(TenantSetupInput input, List<WebhookHealth> health, CancellationToken cancellationToken)
    {
        var prefix = options.MaileonWebhookPathPrefix(input.CompanyId);
        var existing = await maileon.Webhooks.ListWebhooksAsync(input.Maileon, cancellationToken);
        var created = 0;
        var removed = 0;
        foreach (var @event in MaileonEvents)
        {
            var url = options.MaileonWebhookUrl(input.CompanyId, @event, input.MaileonWebhookToken).ToString();
            var ours = existing.Where(w => w.Url.StartsWith(prefix, StringComparison.Ordinal) && w.Event == @event).ToList();
            var wanted = @event != "bounce" || input.BounceWebhook;
            var keep = wanted ? ours.FirstOrDefault(w => w.Url == url) : null;
            foreach (var stale in ours.Where(w => w != keep))
            {
                await maileon.Webhooks.DeleteWebhookAsync(input.Maileon, stale.Id, cancellationToken);
                removed++;
            }

            if (!wanted)
            {
                continue;
            }

            if (keep is null)
            {
                await maileon.Webhooks.CreateWebhookAsync(
                    input.Maileon,
                    new MaileonWebhookDefinition(
                        new Uri(url),
                        @event,
                        urlParams:
                        [
                            new MaileonWebhookUrlParameter("email", StandardContactField: "email"),
                            new MaileonWebhookUrlParameter("external_id", StandardContactField: "external_id"),
                        ],
                        standardFields: ["email", "external_id"],
                        eventFields: ["timestamp", "msg_id"]),
                    cancellationToken);
                created++;
            }

            health.Add(new WebhookHealth("Maileon", @event, Registered: true, State: "healthy", LastDelivery: null, Detail: null));
        }

        return (SetupStepState.Done, $"{(input.BounceWebhook ? "doi, unsubscription and bounce" : "doi and unsubscription")} webhooks in place ({created} created, {removed} stale removed).");
    }

    /// <summary>A secret-free explanation of a failed call (the clients already scrub server text).</summary>
    public static string Describe(ApiClientException ex) => ex.Kind switch
    {
        ApiFailureKind.Unauthorized when ex is PipedriveApiException => "Pipedrive rejected the app's authorisation.",
        ApiFailureKind.Unauthorized => "Maileon rejected the API key.",
        ApiFailureKind.Forbidden => $"Not permitted ({ex.ServerMessage ?? "403"}). Check the app's scopes or the key's privileges.",
        ApiFailureKind.RateLimited => "Rate limited; will try again later.",
        ApiFailureKind.Transient => "The service could not be reached; will try again later.",
        _ => $"Refused: {ex.ServerMessage ?? ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.Kind.ToString()}.",
    };
}
