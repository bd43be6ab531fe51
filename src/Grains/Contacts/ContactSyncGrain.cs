using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// One Pipedrive person of one tenant. Accepts person webhooks and Maileon webhooks, applies the consent rules
/// (<see cref="SubscriptionStateMachine"/>), and performs the resulting Maileon and Pipedrive calls from its outbox,
/// in order, after the acknowledgement. An idle person is deactivated after <see cref="IdleMinutes"/> minutes
/// (the default is 15): persons get webhooks in short bursts (an edit, then our own field write coming back), and
/// a tenant has many of them, so idle activations would otherwise hold most of a silo's memory. Pending outbox
/// work keeps the activation alive (the pump's timer).
/// </summary>
[GrainType(GrainTypes.Contact)]
// Activated on the silo whose ingress worker first calls it: a tenant's webhooks all enter through one gateway
// (the web keys the ingress worker by company), so its persons live there and ingest needs no silo-to-silo hop.
[Orleans.Placement.PreferLocalPlacement]
[CollectionAgeLimit(Minutes = IdleMinutes)]
public sealed partial class ContactSyncGrain(
    [PersistentState("contact", ClusterIdentity.StorageProvider)] IPersistentState<ContactState> state,
    OutboxGrainServices services,
    SecretProtector secrets,
    TenantConnectionCache connections,
    PipedriveLookupCache lookups,
    ILogger<ContactSyncGrain> logger)
    : OutboxGrain<ContactState, ContactWork>(state, services, logger), IContactSyncGrain
{
    private const string Area = "contacts";

    public const int IdleMinutes = 5;

    private TenantLink? tenant;

    // The API clients (typed HttpClients, two objects each) are resolved when the first side effect runs: most
    // activations only record webhooks and go idle, and idle grains should hold as little memory as possible.
    private PipedriveApiClient? pipedriveClient;
    private MaileonClient? maileonClient;

    /// <summary>Set by the DOI effect when Maileon already held a confirmed DOI for the address.</summary>
    private bool doiAlreadyConfirmed;

    /// <summary>The person as the last <see cref="ContactWorkKind.ReadPerson"/> effect found it.</summary>
    private PersonSnapshot? readPerson;

    /// <summary>Status changes the change being applied decided; counted once it is stored (created with the first).</summary>
    private List<(SubscriptionStatus From, SubscriptionStatus To)>? decidedTransitions;

    /// <summary>Notes from the effect running now, stored with its outcome (created with the first note).</summary>
    private List<string>? effectNotes;

    private long PersonId => this.GetPrimaryKeyLong(out _);

    protected override long CompanyId
    {
        get
        {
            this.GetPrimaryKeyLong(out var extension);
            return long.Parse(extension!, CultureInfo.InvariantCulture);
        }
    }

    protected override long? LedgerPersonId => PersonId;

    private TenantLink Tenant => tenant ??= new TenantLink(GrainFactory, connections, secrets, CompanyId);

    private PipedriveApiClient PipedriveApi => pipedriveClient ??= ServiceProvider.GetRequiredService<PipedriveApiClient>();

    private MaileonClient MaileonApi => maileonClient ??= ServiceProvider.GetRequiredService<MaileonClient>();

    public async Task<IngressOutcome> AcceptPerson(PersonEvent personEvent)
    {
        var eventId = personEvent.Meta.EventId;
        if (State.HasSeen(eventId))
        {
            return IngressOutcome.Duplicate;
        }

        var connection = await connections.GetAsync(CompanyId);
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return new IngressOutcome(IngressStatus.Gone, "This company has not installed the app.");
        }

        if (connection.NewsletterField is not { } newsletter)
        {
            return IngressOutcome.Ignored("The tenant's setup has not created the Newsletter field yet.");
        }

        var changed = await UpdateAsync(() => ApplyPersonEvent(personEvent, newsletter, connection.InstallingUserId), eventId);
        return changed ? IngressOutcome.Accepted : IngressOutcome.Ignored("Nothing to do for this person.");
    }

    public Task<IngressOutcome> AcceptMaileon(MaileonEvent maileonEvent) => AcceptMaileonAsync(maileonEvent, "webhook");

    public Task<IngressOutcome> Reconcile(MaileonEvent maileonEvent) => AcceptMaileonAsync(maileonEvent, "reconciliation");

    public async Task<IngressOutcome> ReconcilePerson(PersonSnapshot person)
    {
        var connection = await Tenant.GetAsync();
        if (connection.NewsletterField is not { } newsletter || State.Person.Deleted)
        {
            return IngressOutcome.Ignored("Nothing to reconcile.");
        }

        var at = person.UpdateTime ?? Now;
        var changed = await UpdateAsync(() =>
        {
            var emailBefore = State.Person.PrimaryEmail;
            var emailKnownBefore = State.Person.EmailKnown && !(State.Person.DataAt > at);
            var dataChanged = State.Person.Merge(person, at);
            var decided = false;
            if (emailKnownBefore && person.Has("emails") && !SubscriptionStateMachine.SameAddress(emailBefore, person.PrimaryEmail))
            {
                decided |= DecideIfChanged(new ContactSignal(ContactSignalKind.EmailChanged, at, "pipedrive", "reconciliation") { Email = person.PrimaryEmail });
            }

            var requested = person.CustomFields.TryGetValue(newsletter.Key, out var value) && value.OptionId is { } id ? newsletter.MeaningOf(id) : null;
            var subscription = State.Subscription;
            var missedRequest = subscription.LastRequestAt is null || subscription.LastRequestAt < at;
            if (missedRequest && requested == NewsletterOption.Subscribe && subscription.Status == SubscriptionStatus.None && !subscription.AwaitingEmail)
            {
                decided |= DecideIfChanged(new ContactSignal(ContactSignalKind.SubscribeRequested, at, "pipedrive", "reconciliation") { Email = person.PrimaryEmail });
            }
            else if (missedRequest && requested == NewsletterOption.Unsubscribed && subscription.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed)
            {
                decided |= DecideIfChanged(new ContactSignal(ContactSignalKind.UnsubscribeRequested, at, "pipedrive", "reconciliation") { Email = person.PrimaryEmail });
            }

            return dataChanged || decided;
        });
        return changed ? IngressOutcome.Accepted : IngressOutcome.Ignored("Already up to date.");
    }

    public async Task AdoptMerged(MergedContact merged)
    {
        var eventId = $"merged:{merged.FromPersonId}";
        if (State.HasSeen(eventId))
        {
            return;
        }

        await UpdateAsync(() =>
        {
            State.Remember(eventId);
            var signal = new ContactSignal(ContactSignalKind.MergedIn, merged.At, $"pipedrive-person:{merged.FromPersonId}", "merge")
            {
                Email = merged.Email,
                MergedStatus = merged.Status,
            };
            Decide(signal);
            return true;
        });
    }

    public Task<ContactView> GetView()
    {
        var parked = State.Outbox.Parked.ToList();
        return Task.FromResult(new ContactView(
            PersonId,
            State.Subscription.Status,
            State.Subscription.Email,
            State.Subscription.StatusSince,
            State.Outbox.Entries.Count - parked.Count,
            parked.Count,
            parked.Select(p => p.LastError).LastOrDefault()));
    }

    public async Task<int> RetryParked()
    {
        var count = State.Outbox.Parked.Count();
        return await RetryParkedAsync() ? count : 0;
    }

    private async Task<IngressOutcome> AcceptMaileonAsync(MaileonEvent maileonEvent, string source)
    {
        if (State.HasSeen(maileonEvent.EventId))
        {
            return IngressOutcome.Duplicate;
        }

        var changed = await UpdateAsync(() =>
        {
            if (State.HasSeen(maileonEvent.EventId))
            {
                return false;
            }

            State.Remember(maileonEvent.EventId);
            var kind = maileonEvent.Kind == MaileonEventKind.DoiConfirmed ? ContactSignalKind.DoiConfirmed : ContactSignalKind.MaileonUnsubscribed;
            Decide(new ContactSignal(kind, maileonEvent.Timestamp ?? Now, "maileon", source) { Email = maileonEvent.Email });
            return true;
        }, maileonEvent.EventId);
        return changed ? IngressOutcome.Accepted : IngressOutcome.Ignored("Nothing to do.");
    }

    private bool ApplyPersonEvent(PersonEvent personEvent, NewsletterFieldConfig newsletter, long appUserId)
    {
        var meta = personEvent.Meta;
        var person = State.Person;
        var subscription = State.Subscription;
        if (State.HasSeen(meta.EventId))
        {
            return false; // re-applied after a reload that already holds this event
        }

        State.Remember(meta.EventId);

        if (meta.Action == PipedriveAction.Delete)
        {
            if (person.Deleted)
            {
                return true;
            }

            person.Deleted = true;
            State.Outbox.RemoveWhere(w => w.Kind is ContactWorkKind.SetNewsletterField or ContactWorkKind.UpdateContact or ContactWorkKind.ReadPerson);
            if (meta.MergedToId is { } survivor)
            {
                State.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.HandOver, TargetPersonId = survivor, Status = subscription.Status, Email = subscription.Email ?? person.PrimaryEmail }, Now);
                Note(ActivityLevel.Info, Area, $"Person merged into person {survivor}; the subscription facts ({subscription.Status}) are handed over.", PersonId);
            }
            else
            {
                Note(ActivityLevel.Info, Area, subscription.Status == SubscriptionStatus.None
                    ? "Person deleted in Pipedrive."
                    : $"Person deleted in Pipedrive; the Maileon contact is left as it is ({subscription.Status}): consent belongs to the contact, not to the CRM record.", PersonId);
            }

            return true;
        }

        if (person.Deleted || personEvent.Current is not { } current)
        {
            Note(ActivityLevel.Info, Area, $"Ignored a {meta.Action.ToString().ToLowerInvariant()} event that arrived after the person was deleted.", PersonId);
            return true;
        }

        var emailBefore = person.PrimaryEmail;
        // An event older than the data already merged must not read as an address change (it would undo a newer one).
        var stale = person.DataAt > meta.Timestamp;
        var emailKnownBefore = person.EmailKnown && !stale;
        var dataChanged = person.Merge(current, meta.Timestamp);
        var signals = PersonEventTranslator.Translate(personEvent, newsletter, appUserId, emailBefore, emailKnownBefore);
        var before = State.Outbox.Entries.Count;
        foreach (var signal in signals)
        {
            Decide(signal);
        }

        var wantsSubscribeWithoutKnownEmail = subscription.AwaitingEmail && !person.EmailKnown;
        if (wantsSubscribeWithoutKnownEmail && !State.Outbox.Entries.Any(e => e.Work.Kind == ContactWorkKind.ReadPerson))
        {
            // The reduced v2 payload did not say whether the person has an address: read the person once.
            State.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.ReadPerson }, Now);
        }

        var addedWork = State.Outbox.Entries.Count > before;
        if (dataChanged && !addedWork && subscription.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed)
        {
            // Newer data supersedes an update not yet attempted.
            State.Outbox.RemoveWhere(w => w.Kind == ContactWorkKind.UpdateContact);
            State.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.UpdateContact, Email = subscription.Email }, Now);
        }

        return true;
    }

    /// <summary>Applies one signal: state machine, outbox, ledger and activity log (runs inside a state update).</summary>
    private void Decide(ContactSignal signal)
    {
        var decision = SubscriptionStateMachine.Apply(State.Subscription, signal);
        foreach (var work in decision.Work)
        {
            if (work.Kind == ContactWorkKind.SetNewsletterField)
            {
                State.Outbox.RemoveWhere(w => w.Kind == ContactWorkKind.SetNewsletterField);
            }

            State.Outbox.Enqueue(work, Now);
        }

        if (decision.Transition is { } transition)
        {
            (decidedTransitions ??= []).Add((transition.From, transition.To));
            AddLedger(signal.Actor, signal.Source, transition.From, transition.To, transition.Detail, signal.At, State.Subscription.Email ?? signal.Email, null);
            Note(ActivityLevel.Info, Area, transition.Detail, PersonId);
        }

        if (decision.Note is { } note)
        {
            Note(note.Level, Area, note.Message, PersonId);
        }
    }

    private bool DecideIfChanged(ContactSignal signal)
    {
        var before = (State.Outbox.Entries.Count, State.PendingLedger.Count, State.PendingActivity.Count);
        Decide(signal);
        return before != (State.Outbox.Entries.Count, State.PendingLedger.Count, State.PendingActivity.Count);
    }

    private void AddLedger(string actor, string source, SubscriptionStatus from, SubscriptionStatus to, string detail, DateTimeOffset at, string? email, string? maileonOutcome) =>
        State.PendingLedger.Add(new ConsentLedgerRecord
        {
            Sequence = ++State.LedgerSequence,
            OccurredAt = at,
            Actor = actor,
            Source = source,
            FromStatus = from.ToString(),
            ToStatus = to.ToString(),
            Email = email,
            Detail = detail,
            MaileonOutcome = maileonOutcome,
        });

    protected override void OnChangeAttempt() => decidedTransitions?.Clear();

    protected override void OnChangeStored()
    {
        if (decidedTransitions is not { Count: > 0 } decided)
        {
            return;
        }

        foreach (var (from, to) in decided)
        {
            Metrics.Transition(from.ToString(), to.ToString());
        }

        decided.Clear();
    }

    protected override string WorkKindOf(ContactWork work) => work.Kind.ToString();

    protected override bool NeedsIntentRecord(OutboxEntry<ContactWork> entry) => entry.Work.Kind == ContactWorkKind.StartDoubleOptIn;

    protected override async Task<EffectOutcome> ExecuteAsync(OutboxEntry<ContactWork> entry, CancellationToken cancellationToken)
    {
        doiAlreadyConfirmed = false;
        readPerson = null;
        effectNotes?.Clear();
        var work = entry.Work;
        try
        {
            var connection = await Tenant.GetAsync();
            if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
            {
                return EffectOutcome.Fail("the app is not installed for this company");
            }

            if (!connection.CanSyncContacts)
            {
                Tenant.Invalidate();
                return EffectOutcome.Retry("the tenant's connection is not ready (settings or authorisation missing)", TimeSpan.FromMinutes(5));
            }

            return work.Kind switch
            {
                ContactWorkKind.StartDoubleOptIn => await StartDoubleOptInAsync(entry, connection, cancellationToken),
                ContactWorkKind.UpdateContact => await UpdateContactAsync(work, connection, cancellationToken),
                ContactWorkKind.Unsubscribe => await UnsubscribeAsync(work, connection, cancellationToken),
                ContactWorkKind.SetNewsletterField => await SetNewsletterFieldAsync(work, connection, cancellationToken),
                ContactWorkKind.ReadPerson => await ReadPersonAsync(connection, cancellationToken),
                ContactWorkKind.HandOver => await HandOverAsync(work),
                _ => EffectOutcome.Fail($"unknown work {work.Kind}"),
            };
        }
        catch (ApiClientException ex)
        {
            return TenantLink.Classify(work.ToString(), ex);
        }
    }

    private async Task<EffectOutcome> StartDoubleOptInAsync(OutboxEntry<ContactWork> entry, TenantConnection connection, CancellationToken cancellationToken)
    {
        var email = entry.Work.Email!;
        var subscription = State.Subscription;
        if (subscription.Status != SubscriptionStatus.Pending || !SubscriptionStateMachine.SameAddress(subscription.Email, email))
        {
            return EffectOutcome.Done("no longer needed (the subscription changed meanwhile)");
        }

        var credentials = Tenant.Maileon(connection);
        var existing = await MaileonApi.GetContactAsync(credentials, email, cancellationToken: cancellationToken);
        var contact = await BuildContactAsync(connection, cancellationToken);
        if (existing?.HasConfirmedDoubleOptIn == true)
        {
            // Never downgrade and never send a second DOI mail: update the fields only.
            await MaileonApi.UpsertContactAsync(credentials, email, contact, new MaileonUpsertOptions(Source: Source(entry.Work)), cancellationToken);
            doiAlreadyConfirmed = true;
            return EffectOutcome.Done("contact already held a confirmed double opt-in; fields updated");
        }

        if (MayHaveRunBefore(entry) && existing is not null && existing.ExternalId == contact.ExternalId)
        {
            // An earlier attempt reached Maileon although its answer was lost: repeating would send a second DOI mail.
            return EffectOutcome.Done("contact created by an earlier attempt; DOI mail already requested");
        }

        await MaileonApi.UpsertContactAsync(
            credentials,
            email,
            contact,
            new MaileonUpsertOptions(
                Permission: MaileonPermissionLevel.None,
                StartDoubleOptIn: true,
                DoiPlus: connection.DoiPlus,
                DoiMailingKey: connection.DoiMailingKey,
                Source: Source(entry.Work),
                SubscriptionPage: "pipedrive"),
            cancellationToken);
        return EffectOutcome.Done("contact saved; DOI mail requested");
    }

    private async Task<EffectOutcome> UpdateContactAsync(ContactWork work, TenantConnection connection, CancellationToken cancellationToken)
    {
        var subscription = State.Subscription;
        if (subscription.Status is not (SubscriptionStatus.Pending or SubscriptionStatus.Subscribed) || subscription.Email is null)
        {
            return EffectOutcome.Done("no longer needed");
        }

        var contact = await BuildContactAsync(connection, cancellationToken);
        await MaileonApi.UpsertContactAsync(Tenant.Maileon(connection), subscription.Email, contact, new MaileonUpsertOptions(), cancellationToken);
        return EffectOutcome.Done("contact fields updated");
    }

    private async Task<EffectOutcome> UnsubscribeAsync(ContactWork work, TenantConnection connection, CancellationToken cancellationToken)
    {
        if (work.Email is null)
        {
            return EffectOutcome.Done("no address to unsubscribe");
        }

        var result = await MaileonApi.UnsubscribeAsync(Tenant.Maileon(connection), work.Email, cancellationToken);
        return EffectOutcome.Done(result == MaileonUnsubscribeResult.NotFound ? "no such contact in Maileon (nothing to unsubscribe)" : "unsubscribed in Maileon");
    }

    private async Task<EffectOutcome> SetNewsletterFieldAsync(ContactWork work, TenantConnection connection, CancellationToken cancellationToken)
    {
        if (State.Person.Deleted)
        {
            return EffectOutcome.Done("person deleted; field not written");
        }

        var newsletter = connection.NewsletterField!;
        JsonNode? value = work.Option is { } option && newsletter.OptionIds.TryGetValue(option, out var optionId) ? JsonValue.Create(optionId) : null;
        var updated = await Tenant.CallPipedriveAsync(pd => PipedriveApi.UpdatePersonCustomFieldsAsync(
            pd, PersonId, new Dictionary<string, JsonNode?> { [newsletter.Key] = value }, cancellationToken));
        return updated is null
            ? EffectOutcome.Done("person no longer exists in Pipedrive")
            : EffectOutcome.Done($"Newsletter set to {(work.Option?.ToString() ?? "empty")}");
    }

    private async Task<EffectOutcome> ReadPersonAsync(TenantConnection connection, CancellationToken cancellationToken)
    {
        var person = await Tenant.CallPipedriveAsync(pd => PipedriveApi.GetPersonAsync(pd, PersonId, cancellationToken));
        readPerson = person is null ? null : PipedrivePersonSnapshots.FromApi(person, PipedrivePersonSnapshots.FieldTypes(connection));
        return EffectOutcome.Done(person is null ? "person no longer exists" : "person read");
    }

    private async Task<EffectOutcome> HandOverAsync(ContactWork work)
    {
        await GrainFactory.GetGrain<IContactSyncGrain>(work.TargetPersonId!.Value, CompanyId.ToString(CultureInfo.InvariantCulture))
            .AdoptMerged(new MergedContact(PersonId, work.Status ?? SubscriptionStatus.None, work.Email, Now));
        return EffectOutcome.Done($"handed over to person {work.TargetPersonId}");
    }

    protected override void OnOutcomeRecorded(OutboxEntry<ContactWork> entry, EffectOutcome outcome, OutboxDisposition disposition)
    {
        var work = entry.Work;
        var subscription = State.Subscription;
        foreach (var note in effectNotes ?? [])
        {
            Note(ActivityLevel.Info, Area, note, PersonId);
        }

        effectNotes?.Clear();
        switch (disposition)
        {
            case OutboxDisposition.Completed:
                OnCompleted(work, outcome, subscription);
                break;
            case OutboxDisposition.WillRetry when entry.Attempts == 1:
                Note(ActivityLevel.Warning, Area, $"Could not {Describe(work)} yet ({outcome.Summary}); retrying automatically.", PersonId);
                break;
            case OutboxDisposition.Parked:
                Note(ActivityLevel.Error, Area, $"Gave up trying to {Describe(work)} after {entry.Attempts} attempt(s): {outcome.Summary}. Use \"Retry failed\" on the settings page once the cause is fixed.", PersonId);
                if (work.Kind is ContactWorkKind.StartDoubleOptIn or ContactWorkKind.Unsubscribe)
                {
                    AddLedger("system", "maileon-api", subscription.Status, subscription.Status, $"Maileon call failed: {Describe(work)}", Now, work.Email, outcome.Summary);
                }

                break;
        }
    }

    private void OnCompleted(ContactWork work, EffectOutcome outcome, SubscriptionState subscription)
    {
        switch (work.Kind)
        {
            case ContactWorkKind.StartDoubleOptIn when outcome.Summary.StartsWith("no longer", StringComparison.Ordinal):
                break;
            case ContactWorkKind.StartDoubleOptIn:
                AddLedger("system", "maileon-api", SubscriptionStatus.Pending, SubscriptionStatus.Pending, "Maileon accepted the contact.", Now, work.Email, outcome.Summary);
                if (doiAlreadyConfirmed && subscription.Status == SubscriptionStatus.Pending)
                {
                    Decide(new ContactSignal(ContactSignalKind.DoiConfirmed, Now, "maileon", "maileon-api") { Email = work.Email });
                }
                else if (subscription.Status == SubscriptionStatus.Pending)
                {
                    State.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.SetNewsletterField, Option = NewsletterOption.AwaitingConfirmation }, Now);
                }

                break;
            case ContactWorkKind.Unsubscribe:
                AddLedger("system", "maileon-api", subscription.Status, subscription.Status, "Maileon unsubscribe call.", Now, work.Email, outcome.Summary);
                break;
            case ContactWorkKind.SetNewsletterField:
                State.WrittenOption = work.Option;
                break;
            case ContactWorkKind.ReadPerson when readPerson is { } person:
                OnPersonRead(person);
                break;
        }

        readPerson = null;
    }

    private void OnPersonRead(PersonSnapshot person)
    {
        var emailBefore = State.Person.PrimaryEmail;
        State.Person.Merge(person, person.UpdateTime ?? Now);
        State.Person.EmailKnown = true;
        if (!SubscriptionStateMachine.SameAddress(emailBefore, person.PrimaryEmail) || State.Subscription.AwaitingEmail)
        {
            Decide(new ContactSignal(ContactSignalKind.EmailChanged, person.UpdateTime ?? Now, "pipedrive", "pipedrive-api") { Email = person.PrimaryEmail });
        }
    }

    private async Task<MaileonContactData> BuildContactAsync(TenantConnection connection, CancellationToken cancellationToken)
    {
        var person = State.Person;
        string? organization = null;
        PipedriveUser? owner = null;
        if (person.OrgId is { } orgId)
        {
            organization = await Tenant.CallPipedriveAsync(pd => lookups.OrganizationNameAsync(pd, orgId, cancellationToken));
        }

        if (person.OwnerId is { } ownerId)
        {
            owner = await Tenant.CallPipedriveAsync(pd => lookups.UserAsync(pd, ownerId, cancellationToken));
        }

        var mapping = MaileonContactMapper.Map(
            person.ToSnapshot(PersonId),
            new ContactMappingContext(CompanyId, organization, owner?.Name, owner?.Email, connection.ExtraFields));
        if (mapping.Notes.Count > 0)
        {
            (effectNotes ??= []).AddRange(mapping.Notes);
        }
        return mapping.Data;
    }

    private string Source(ContactWork work) => $"pipedrive:{CompanyId}:{work.Actor ?? "app"}";

    private static string Describe(ContactWork work) => work.Kind switch
    {
        ContactWorkKind.StartDoubleOptIn => "send the contact to Maileon with double opt-in",
        ContactWorkKind.UpdateContact => "update the Maileon contact",
        ContactWorkKind.Unsubscribe => "unsubscribe the address in Maileon",
        ContactWorkKind.SetNewsletterField => $"set the Newsletter field to {(work.Option?.ToString() ?? "empty")}",
        ContactWorkKind.ReadPerson => "read the person from Pipedrive",
        ContactWorkKind.HandOver => $"hand the subscription over to person {work.TargetPersonId}",
        _ => work.Kind.ToString(),
    };
}
