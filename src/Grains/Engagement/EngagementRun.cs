using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// One run of a tenant's engagement poll: reads each chosen report from its checkpoint (<see cref="CheckpointedScan"/>),
/// routes each page's rows to persons by address (<see cref="ITenantAddressPersons"/>, <see cref="EngagementRouting"/>)
/// and hands each person its rows. A page's position is saved only after every person on it recorded its rows, so a
/// crash or a budget stop repeats at most that page, which the persons' fingerprints make count nothing. It runs in
/// an interleaving timer turn and changes state only through <see cref="IOutbox{TState, TWork}.QueueUpdateAsync{T}"/>.
/// </summary>
internal sealed partial class EngagementRun(
    IOutbox<EngagementState, EngagementWork> outbox,
    EngagementServices services,
    IGrainFactory grains,
    long companyId,
    ILogger logger)
{
    private const int Concurrency = 8;

    private readonly Dictionary<long, string?> subjects = [];

    private EngagementOptions Options => services.Options;

    /// <summary>Runs the chosen reports; false when the tenant turned out to be uninstalled.</summary>
    public async Task<bool> RunAsync(TenantConnection connection, CancellationToken cancellationToken)
    {
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return false;
        }

        var settings = outbox.State.Settings;
        if (!settings.Enabled)
        {
            return true;
        }

        if (!connection.CanSyncContacts)
        {
            await UpdateAsync(s => EngagementDecisions.NotRun(s, "the app is not fully set up or not authorised (Maileon API key, Newsletter field, Pipedrive access).", outbox.Now), cancellationToken);
            return true;
        }

        var started = outbox.Now;
        await UpdateAsync(s => EngagementDecisions.BeginRun(s, started, Options.InitialLookback), cancellationToken);
        var budget = new EngagementRunBudget(Options.BudgetShare, () => services.RateLimits.Latest(companyId));
        var errors = new List<string>();
        if (settings.HardBounces && outbox.State.BounceFieldKey is null && await EnsureBounceFieldAsync(budget) is { } fieldError)
        {
            errors.Add(fieldError);
        }

        var delivery = new EngagementDelivery
        {
            AsActivity = settings.Target == EngagementTarget.Activity && EngagementScopes.Problem(connection.Scopes.ToList(), EngagementTarget.Activity) is null,
            BounceFieldKey = outbox.State.BounceFieldKey,
            BounceOptionId = outbox.State.BounceOptionId,
            BounceFieldIsSet = outbox.State.BounceFieldIsSet,
        };
        var maileon = services.Tenants.Maileon(connection);
        foreach (var kind in EngagementPoll.Sources(settings))
        {
            if (budget.Reached || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (await ScanAsync(kind, maileon, settings, delivery, budget, started, cancellationToken) is { } error)
            {
                errors.Add(error);
            }
        }

        await UpdateAsync(s => EngagementDecisions.FinishRun(s, budget, errors, outbox.Now), cancellationToken);
        return true;
    }

    public Task NotRunAsync(string reason, CancellationToken cancellationToken) =>
        UpdateAsync(s => EngagementDecisions.NotRun(s, reason, outbox.Now), cancellationToken);

    private async Task<string?> ScanAsync(
        MaileonTrackingKind kind, MaileonConnection maileon, EngagementSettings settings, EngagementDelivery delivery, EngagementRunBudget budget, DateTimeOffset started, CancellationToken cancellationToken)
    {
        // The page just handed out: its position is saved right after (fetch, hand, save run in sequence).
        (EngagementRoute Route, int Rows) last = (new EngagementRoute(), 0);
        try
        {
            await CheckpointedScan.RunAsync(
                outbox.State.Poll.CursorOf(kind),
                started,
                Options.Overlap,
                async request =>
                {
                    var query = EngagementPoll.Query(kind, request, outbox.State.Poll.StartedFrom ?? started - Options.InitialLookback, Options.PageSize);
                    var page = await services.Reports.ReadAsync(maileon, kind, query, cancellationToken);
                    var route = await RouteAsync(page.Items, settings);
                    last = (route, page.Items.Count);
                    return new ScanPage<PersonRows>([.. route.ByPerson.Select(p => new PersonRows(p.Key, p.Value))], page.HasMore(Options.PageSize));
                },
                person => HandAsync(person, maileon, delivery, budget, cancellationToken),
                (cursor, _) => UpdateAsync(s => EngagementDecisions.SavePosition(s, kind, cursor, last.Rows, last.Route), cancellationToken),
                () => !budget.Reached,
                Options.MaxPagesPerRun,
                Concurrency,
                cancellationToken);
            return null;
        }
        catch (BudgetReachedException)
        {
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ApiClientException ex)
        {
            LogSourceFailed(companyId, kind, ex.Kind, ex.StatusCode);
            return $"{kind} report: {TenantSetupRunner.Describe(ex)}{(ex.IsTransient ? " (continues next run)" : "")}.";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSourceCrashed(ex, companyId, kind);
            return $"{kind} report: stopped ({ex.GetType().Name}); continues next run.";
        }
    }

    /// <summary>Looks up each address of the page once, then routes the rows (<see cref="EngagementRouting"/>).</summary>
    private async Task<EngagementRoute> RouteAsync(IReadOnlyList<MaileonTrackingEvent> rows, EngagementSettings settings)
    {
        var found = new Dictionary<string, AddressPersons>(StringComparer.Ordinal);
        var wanted = rows.Where(r => !r.Anonymous && settings.Wants(r.Kind) && EmailAddressKey.Of(r.Email) is not null)
            .GroupBy(r => EmailAddressKey.Of(r.Email)!, StringComparer.Ordinal).ToList();
        foreach (var chunk in wanted.Chunk(Concurrency * 2))
        {
            var answers = await Task.WhenAll(chunk.Select(g => services.Addresses.FindAsync(companyId, g.First().Email!, g.Select(r => r.ExternalId).FirstOrDefault(id => id is not null))));
            for (var i = 0; i < chunk.Length; i++)
            {
                found[chunk[i].Key] = answers[i];
            }
        }

        return EngagementRouting.Route(rows, email => EmailAddressKey.Of(email) is { } key ? found.GetValueOrDefault(key) ?? AddressPersons.None : AddressPersons.None, settings);
    }

    /// <summary>Hands one person its rows within the run's budget; a refusal ends the scan without saving the page.</summary>
    private async Task<ApplyResult> HandAsync(PersonRows person, MaileonConnection maileon, EngagementDelivery delivery, EngagementRunBudget budget, CancellationToken cancellationToken)
    {
        var mailingIds = person.Rows.Select(r => r.MailingId ?? 0).Distinct().ToList();
        var estimate = (mailingIds.Count * PipedriveTokenCosts.CreateNote) + (person.Rows.Any(r => r.IsHardBounce) ? EngagementBudget.BounceFlagCost + EngagementEffectHandler.PersonReadCost : 0);
        if (!budget.TryReserve(estimate))
        {
            throw new BudgetReachedException();
        }

        foreach (var id in mailingIds.Where(id => !subjects.ContainsKey(id)))
        {
            subjects[id] = await services.Reports.SubjectAsync(maileon, id, cancellationToken);
        }

        var rows = person.Rows.Select(r => PersonEngagementDecisions.ToRow(r, subjects.GetValueOrDefault(r.MailingId ?? 0))).ToList();
        var cost = await grains.PersonEngagement(companyId, person.PersonId).Record(delivery with { Rows = rows });
        budget.Settle(estimate, cost);
        return cost > 0 ? ApplyResult.Applied : ApplyResult.Unchanged;
    }

    /// <summary>Finds or creates the "Maileon bounce" person field; returns the problem in words when it cannot.</summary>
    private async Task<string?> EnsureBounceFieldAsync(EngagementRunBudget budget)
    {
        if (!budget.TryReserve(PipedriveTokenCosts.ListPersonFields + PipedriveTokenCosts.CreatePersonField))
        {
            return null;
        }

        try
        {
            var fields = await services.Tenants.CallPipedriveAsync(companyId, pd => services.Pipedrive.ListPersonFieldsAsync(pd));
            var adoption = BounceFlagField.Adopt(fields);
            if (adoption.MustCreate)
            {
                var created = await services.Tenants.CallPipedriveAsync(companyId, pd => services.Pipedrive.CreatePersonFieldAsync(pd, BounceFlagField.Definition));
                adoption = BounceFlagField.Adopt([created]);
            }

            await UpdateAsync(s => EngagementDecisions.BounceField(s, adoption), CancellationToken.None);
            return adoption.Problem;
        }
        catch (Exception ex) when (ex is ApiClientException or TenantCredentialsException)
        {
            var problem = $"The \"{BounceFlagField.Name}\" person field could not be set up ({(ex is ApiClientException api ? TenantSetupRunner.Describe(api) : ex.Message)}); tried again next run.";
            await UpdateAsync(s => EngagementDecisions.BounceField(s, BounceFlagAdoption.Unusable(problem)), CancellationToken.None);
            return problem;
        }
    }

    /// <summary>A change from this run, applied in the outbox's own turn; nothing once the run was cancelled.</summary>
    private Task<Flag> UpdateAsync(Func<EngagementState, bool> change, CancellationToken cancellationToken) =>
        outbox.QueueUpdateAsync((state, _) => new Flag(!cancellationToken.IsCancellationRequested && change(state)));

    private readonly record struct Flag(bool Changed) : IStateChange;

    private sealed record PersonRows(long PersonId, List<MaileonTrackingEvent> Rows);

    private sealed class BudgetReachedException : Exception;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engagement poll of tenant {CompanyId}: the {Kind} report failed ({FailureKind}, HTTP {Status})")]
    private partial void LogSourceFailed(long companyId, MaileonTrackingKind kind, ApiFailureKind failureKind, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engagement poll of tenant {CompanyId}: the {Kind} report stopped")]
    private partial void LogSourceCrashed(Exception exception, long companyId, MaileonTrackingKind kind);
}
