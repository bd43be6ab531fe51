using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// One Pipedrive person of one tenant: records person events through <see cref="ContactDecisions"/> and its
/// address's notices through <see cref="PersonAddressDecisions"/> into its outbox, whose effects
/// (<see cref="ContactOutboxRules"/>, <see cref="ContactEffectHandler"/>; messages to the address are sent by this grain)
/// run after the acknowledgement, in order. An idle person is deactivated after <see cref="IdleMinutes"/> minutes:
/// persons get webhooks in short bursts (an edit, then our own field write coming back), and a tenant has many of them,
/// so idle activations would otherwise hold most of a silo's memory. Pending outbox work keeps the activation alive.
/// </summary>
[GrainType(GrainTypes.Contact)]
// Activated on the silo that first receives a call for it: the web's Orleans client sends every call for one grain
// through the same gateway, so the person lives on that gateway and ingest needs no silo-to-silo hop.
[Orleans.Placement.PreferLocalPlacement]
[CollectionAgeLimit(Minutes = IdleMinutes)]
public sealed class ContactSyncGrain(
    [Outbox(GrainTypes.Contact)] IOutbox<ContactState, ContactWork> outbox,
    TenantConnections tenants) : Grain, IContactSyncGrain, IOutboxParticipant, IGrainMessenger<ContactEffect>
{
    public const int IdleMinutes = 5;

    private ContactState State => outbox.State;

    /// <summary>A person stored before addresses held consent hands its consent to its address first.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (LegacyHandOver.Needed(State))
        {
            await outbox.UpdateAsync((state, now) => LegacyHandOver.HandOver(state, outbox.InFlightEntryId, Context(now)));
        }
    }

    public async Task<IngressOutcome> AcceptPerson(PersonEvent personEvent)
    {
        ArgumentNullException.ThrowIfNull(personEvent);
        var eventId = personEvent.Meta.EventId;
        if (State.HasSeen(eventId))
        {
            return IngressOutcome.Duplicate;
        }

        var connection = await ConnectionForAsync(personEvent);
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return new IngressOutcome(IngressStatus.Gone, "This company has not installed the app.");
        }

        if (connection.NewsletterField is not { } newsletter)
        {
            return IngressOutcome.Ignored("The tenant's setup has not created the Newsletter field yet.");
        }

        var changed = await outbox.UpdateAsync(
            (state, now) => ContactDecisions.AcceptPerson(state, personEvent, newsletter, connection.InstallingUserId,
                Context(now) with { EraseDeletedInMaileon = connection.EraseDeletedInMaileon }), eventId);
        return changed ? IngressOutcome.Accepted : IngressOutcome.Ignored("Nothing to do for this person.");
    }

    /// <summary>
    /// The tenant's connection to read <paramref name="personEvent"/> with. A webhook whose custom fields lack the
    /// Newsletter field this silo knows was sent after the field was created again (a repair) or another was adopted,
    /// and this silo's copy predates that (a save refreshes only the saving silo's copy): the tenant grain is asked, so
    /// the event is not read with a field key that no longer exists.
    /// </summary>
    private async Task<TenantConnection> ConnectionForAsync(PersonEvent personEvent)
    {
        var companyId = CompanyKey.Of(this).CompanyId;
        var connection = await tenants.GetAsync(companyId);
        return personEvent.Current is { CustomFields.Count: > 0 } current
            && connection.NewsletterField is { } newsletter
            && !current.CustomFields.ContainsKey(newsletter.Key)
            ? await tenants.CurrentAsync(companyId)
            : connection;
    }

    public async Task<IngressOutcome> ReconcilePerson(PersonSnapshot person)
    {
        var connection = await tenants.GetAsync(CompanyKey.Of(this).CompanyId);
        if (connection.NewsletterField is not { } newsletter || State.Person.Deleted)
        {
            return IngressOutcome.Ignored("Nothing to reconcile.");
        }

        var changed = await outbox.UpdateAsync((state, now) => ContactDecisions.ReconcilePerson(state, person, newsletter, Context(now)));
        return changed ? IngressOutcome.Accepted : IngressOutcome.Ignored("Already up to date.");
    }

    public Task ShowAddress(AddressNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return State.HasSeen(notice.NoticeId)
            ? Task.CompletedTask
            : outbox.UpdateAsync((state, now) => PersonAddressDecisions.ShowAddress(state, notice, Context(now)), notice.NoticeId);
    }

    public Task<ContactView> GetView()
    {
        var parked = State.Outbox.Parked.ToList();
        return Task.FromResult(new ContactView(
            CompanyKey.Of(this).EntityId,
            State.AddressStatus,
            State.Address.Address ?? State.Person.PrimaryEmail,
            State.AddressStatusSince,
            State.Outbox.Entries.Count - parked.Count,
            parked.Count,
            parked.Select(p => p.LastError).LastOrDefault()) { PersonDeleted = State.Person.Deleted });
    }

    public Task<KnownPersonFacts> GetKnownPerson()
    {
        var person = State.Person;
        var known = person.EmailKnown && person.SeenFields.Contains("name") && !person.Deleted;
        return Task.FromResult(known ? new KnownPersonFacts(true, person.Name, person.PrimaryEmail) : KnownPersonFacts.Unknown);
    }

    /// <summary>Its address's parked Maileon calls too: their failures are recorded on the address's persons.</summary>
    public async Task<int> RetryParked() =>
        await outbox.RetryParkedAsync()
        + (State.Address.Address is { } address ? await GrainFactory.Address(CompanyKey.Of(this).CompanyId, address).RetryParked() : 0);

    /// <summary>The person's unsubscribes are its address's work: the address answers (its outbox holds them).</summary>
    public async Task<IReadOnlyList<PendingUnsubscribe>> PendingUnsubscribes() =>
        State.Address.Address is { } address
            ? await GrainFactory.Address(CompanyKey.Of(this).CompanyId, address).PendingUnsubscribes()
            : [];

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();

    /// <summary>The person's messages to its address, sent from its outbox; every other effect is the handler's.</summary>
    Task<EffectOutcome>? IGrainMessenger<ContactEffect>.TrySend(ContactEffect command) =>
        command is ContactEffect.TellAddress tell ? TellAddressAsync(tell) : null;

    /// <summary>
    /// Done once the address recorded the message (or had it already). The address decides and answers without calling
    /// any person back: it tells them through its own outbox, so this call never waits on a grain waiting for this one.
    /// </summary>
    private async Task<EffectOutcome> TellAddressAsync(ContactEffect.TellAddress tell)
    {
        IngressOutcome answer;
        try
        {
            answer = await GrainFactory.Address(CompanyKey.Of(this).CompanyId, tell.Address).Tell(tell.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return EffectOutcome.RetryHop($"the address could not be reached ({ex.GetType().Name})");
        }

        return answer.Status is IngressStatus.Accepted or IngressStatus.Duplicate or IngressStatus.Ignored
            ? EffectOutcome.Done($"the address took the {tell.Message.Kind.ToString().ToLowerInvariant()}")
            : EffectOutcome.Retry($"the address could not record it ({answer.Reason})");
    }

    private ContactContext Context(DateTimeOffset now)
    {
        var (companyId, personId) = CompanyKey.Of(this);
        return new ContactContext(companyId, personId, now);
    }
}
