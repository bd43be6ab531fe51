using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// One run of a tenant's reconciliation: reads each source since its checkpoint and hands every fact to the person's
/// grain. It runs in an interleaving timer turn (the view answers meanwhile), so it changes state only through
/// <see cref="IOutbox{TState, TWork}.QueueUpdateAsync{T}"/>, and a change queued after the run was cancelled (stop,
/// uninstall) applies nothing.
/// </summary>
internal sealed partial class ReconciliationRun(
    IOutbox<ReconciliationState, ReconciliationWork> outbox,
    ReconciliationServices services,
    IGrainFactory grains,
    long companyId,
    ILogger logger)
{
    private const int MaileonPageSize = 1000;
    private const int ApplyConcurrency = 8;

    private ReconciliationOptions Options => services.Options.Value;

    /// <summary>Runs the three sources; false when the tenant turned out to be uninstalled (the caller stops reconciling).</summary>
    public async Task<bool> RunAsync(TenantConnection connection, bool manual, CancellationToken cancellationToken)
    {
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return false;
        }

        if (!connection.CanSyncContacts)
        {
            await NotRunAsync("the app is not fully set up or not authorised (Maileon API key, Newsletter field, Pipedrive access).", manual, cancellationToken);
            return true;
        }

        var started = outbox.Now;
        await UpdateAsync(state => ReconciliationDecisions.BeginRun(state, Options.Overlap, started), cancellationToken);
        var budget = new ReconciliationBudget(Options.BudgetShare);
        var maileon = services.Tenants.Maileon(connection);
        string?[] errors =
        [
            await ScanUnsubscriptionsAsync(maileon, started, cancellationToken),
            await ScanDoiConfirmationsAsync(maileon, started, cancellationToken),
            await ScanPersonsAsync(PipedrivePersonSnapshots.FieldTypes(connection), budget, started, cancellationToken),
        ];
        var failures = errors.OfType<string>().ToList();
        await UpdateAsync(state => ReconciliationDecisions.FinishRun(state, budget, failures, manual, outbox.Now), cancellationToken);
        return true;
    }

    public Task NotRunAsync(string reason, bool manual, CancellationToken cancellationToken) =>
        UpdateAsync(state => ReconciliationDecisions.NotRun(state, reason, manual, outbox.Now), cancellationToken);

    private Task<string?> ScanUnsubscriptionsAsync(MaileonConnection maileon, DateTimeOffset started, CancellationToken cancellationToken) =>
        ScanAsync(
            s => s.Unsubscriptions,
            started,
            async request =>
            {
                var page = await services.MaileonReports.GetUnsubscriptionsAsync(maileon, request.Since ?? DateTimeOffset.UnixEpoch, request.Until, request.PageIndex, MaileonPageSize, cancellationToken);
                return new ScanPage<MaileonUnsubscription>(page.Items, page.HasMore(MaileonPageSize));
            },
            u => ApplyAsync(MaileonFacts.FromUnsubscription(u, companyId)),
            mayFetch: null,
            cancellationToken);

    private Task<string?> ScanDoiConfirmationsAsync(MaileonConnection maileon, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var clock = new MaileonWallClock(Options.MaileonZone());
        return ScanAsync(
            s => s.DoiConfirmations,
            started,
            async request =>
            {
                var since = request.Since is { } at ? clock.ToWallClock(at) : (DateTime?)null;
                var page = await services.MaileonContacts.ListContactsAsync(maileon, since, request.PageIndex, MaileonPageSize, cancellationToken: cancellationToken);
                return new ScanPage<MaileonContact>(page.Items, page.HasMore(MaileonPageSize));
            },
            c => ApplyAsync(MaileonFacts.FromContact(c, companyId, clock)),
            mayFetch: null,
            cancellationToken);
    }

    /// <summary>Pipedrive pages are paid from the run's share of the company's daily token budget.</summary>
    private Task<string?> ScanPersonsAsync(IReadOnlyDictionary<string, string> fieldTypes, ReconciliationBudget budget, DateTimeOffset started, CancellationToken cancellationToken) =>
        ScanAsync(
            s => s.Persons,
            started,
            async request =>
            {
                var query = new PipedrivePersonListQuery(request.Since, request.Cursor, PipedrivePersonListQuery.MaxLimit);
                var page = await services.Tenants.CallPipedriveAsync(companyId, pd => services.Pipedrive.ListPersonsAsync(pd, query, cancellationToken));
                return new ScanPage<PipedrivePerson>(page.Items, page.NextCursor is not null, page.NextCursor);
            },
            p => ApplyAsync(p, fieldTypes),
            () => budget.TryReserve(PipedriveTokenCosts.ListPersons, services.RateLimits.Latest(companyId)),
            cancellationToken);

    /// <summary>Scans one source; returns the error in words when it failed (its position stays where the last full page left it).</summary>
    private async Task<string?> ScanAsync<T>(
        Func<ReconciliationState, ReconciliationSourceState> select,
        DateTimeOffset startedAt,
        Func<ScanRequest, Task<ScanPage<T>>> fetch,
        Func<T, Task<ApplyResult>> apply,
        Func<bool>? mayFetch,
        CancellationToken cancellationToken)
    {
        var name = outbox.State.Sources().First(s => ReferenceEquals(s.Source, select(outbox.State))).Name;
        try
        {
            var result = await CheckpointedScan.RunAsync(
                select(outbox.State).Cursor,
                startedAt,
                Options.Overlap,
                fetch,
                apply,
                (cursor, tally) => UpdateAsync(state => ReconciliationDecisions.SavePosition(select(state), cursor, tally), cancellationToken),
                mayFetch,
                Options.MaxPagesPerRun,
                ApplyConcurrency,
                cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await UpdateAsync(state => ReconciliationDecisions.SourceDone(select(state), result), cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ApiClientException ex)
        {
            LogSourceFailed(companyId, name, ex.Kind, ex.StatusCode);
            var restart = ex.Kind is ApiFailureKind.Rejected or ApiFailureKind.NotFound && select(outbox.State).Cursor.Cursor is not null;
            var error = $"{name}: {TenantSetupRunner.Describe(ex)}{(restart ? " (the saved position was refused; the pass starts again next run)" : ex.IsTransient ? " (continues next run)" : "")}.";
            await UpdateAsync(state => ReconciliationDecisions.SourceFailed(select(state), error, restart), cancellationToken);
            return error;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A person's grain could not record a fact: the page is read again next run.
            LogSourceCrashed(ex, companyId, name);
            var error = $"{name}: stopped ({ex.GetType().Name}); continues next run.";
            await UpdateAsync(state => ReconciliationDecisions.SourceFailed(select(state), error, restart: false), cancellationToken);
            return error;
        }
    }

    /// <summary>A change from this run, applied in the outbox's own turn; nothing once the run was cancelled (the checkpoints may be gone).</summary>
    private Task<Flag> UpdateAsync(Func<ReconciliationState, bool> change, CancellationToken cancellationToken) =>
        outbox.QueueUpdateAsync((state, _) => new Flag(!cancellationToken.IsCancellationRequested && change(state)));

    private async Task<ApplyResult> ApplyAsync(MaileonFact? fact)
    {
        if (fact is null)
        {
            return ApplyResult.Skipped;
        }

        return Classify(await grains.Contact(companyId, fact.PersonId).Reconcile(fact.Event));
    }

    private async Task<ApplyResult> ApplyAsync(PipedrivePerson person, IReadOnlyDictionary<string, string> fieldTypes)
    {
        if (person.IsDeleted)
        {
            return ApplyResult.Skipped;
        }

        return Classify(await grains.Contact(companyId, person.Id).ReconcilePerson(PipedrivePersonSnapshots.FromApi(person, fieldTypes)));
    }

    private static ApplyResult Classify(IngressOutcome outcome) => outcome.Status switch
    {
        IngressStatus.Accepted => ApplyResult.Applied,
        IngressStatus.Duplicate or IngressStatus.Ignored => ApplyResult.Unchanged,
        _ => throw new InvalidOperationException($"The person's grain answered {outcome.Status}: {outcome.Reason}"),
    };

    private readonly record struct Flag(bool Changed) : IStateChange;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of tenant {CompanyId}: {Source} failed ({Kind}, HTTP {Status})")]
    private partial void LogSourceFailed(long companyId, string source, ApiFailureKind kind, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of tenant {CompanyId}: {Source} stopped")]
    private partial void LogSourceCrashed(Exception exception, long companyId, string source);
}
