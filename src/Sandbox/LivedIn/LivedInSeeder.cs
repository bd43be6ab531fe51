using System.Globalization;
using PipedriveMaileon.Sandbox.Maileon;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Pipedrive;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// Seeds a lived-in account: a Pipedrive company with years of persons and the incumbent's Newsletter field, a second
/// company (German field) sharing the Maileon account, and that account with the incumbent's contacts, other
/// systems' contacts, unsubscriptions and the seed's deal event types. Both stores are written under their gates
/// (Pipedrive's, then Maileon's inside it), after every conflict was checked, so a refused request changes nothing.
/// </summary>
public sealed class LivedInSeeder(PipedriveStore pipedrive, MaileonStore maileon, LivedInRegistry registry)
{
    public LivedInOutcome Seed(LivedInRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Problem() is { } problem)
        {
            return LivedInOutcome.Refused(StatusCodes.Status400BadRequest, problem);
        }

        var plan = new LivedInPlanner(request).Plan();
        lock (pipedrive.Gate)
        {
            lock (maileon.Gate)
            {
                if (Conflict(request, plan) is { } conflict)
                {
                    return conflict;
                }

                var seed = request.SeedValue.ToString(CultureInfo.InvariantCulture);
                var first = LivedInPipedriveWriter.Company(pipedrive, $"Lived-in GmbH (seed {seed})", request.CompanyId, plan.First,
                    plan.FirstOrganizations, plan.FirstFieldKey, german: false, extraOwners: 3);
                var second = plan.Second.Count == 0 ? null
                    : LivedInPipedriveWriter.Company(pipedrive, $"Partner AG (seed {seed})", request.SecondCompanyId, plan.Second,
                        plan.SecondOrganizations, plan.SecondFieldKey, german: true, extraOwners: 1);
                var deals = plan.Deals.Select(d => LivedInPipedriveWriter.Deal(pipedrive, first, d)).ToList();
                var (account, key) = Account(request, plan);
                var contacts = Maileon(account, plan, second is null ? [first] : [first, second]);
                var manifest = LivedInManifestBuilder.Build(request.SeedValue, account, key, plan, first, second, contacts, deals);
                registry.Remember(manifest);
                return new LivedInOutcome(StatusCodes.Status201Created, null, manifest);
            }
        }
    }

    private LivedInOutcome? Conflict(LivedInRequest request, LivedInPlan plan)
    {
        foreach (var id in new[] { request.CompanyId, request.SecondCompanyId }.OfType<long>())
        {
            if (pipedrive.FindCompany(id) is not null)
            {
                return LivedInOutcome.Refused(StatusCodes.Status409Conflict, $"Company {id} exists already.");
            }
        }

        if (request.MaileonAccountId is { } accountId)
        {
            return maileon.FindAccount(accountId) is null
                ? LivedInOutcome.Refused(StatusCodes.Status404NotFound, $"Maileon account {accountId} not found.")
                : null;
        }

        return maileon.FindKey(plan.ApiKey) is null ? null
            : LivedInOutcome.Refused(StatusCodes.Status409Conflict,
                "A Maileon account with this seed's API key exists already: reset the sandbox, or choose another seed or maileonApiKey.");
    }

    private (NewsletterAccount Account, string Key) Account(LivedInRequest request, LivedInPlan plan)
    {
        if (request.MaileonAccountId is { } id)
        {
            var existing = maileon.FindAccount(id)!;
            var key = maileon.ApiKeys.FirstOrDefault(k => k.AccountId == id && !k.Deactivated)?.Key
                      ?? maileon.CreateKey(id, request.MaileonApiKey ?? plan.ApiKey, null, null, false, "lived-in fixture").Key;
            return (existing, key);
        }

        var account = maileon.CreateAccount($"Lived-in newsletter account (seed {request.SeedValue.ToString(CultureInfo.InvariantCulture)})", null, 300,
            "Lived-in Customer", ["doi-default", "doi-plus"]);
        return (account, maileon.CreateKey(account.Id, plan.ApiKey, null, null, false, "lived-in fixture").Key);
    }

    private Dictionary<PlannedAddress, List<MaileonContact>> Maileon(NewsletterAccount account, LivedInPlan plan, IReadOnlyList<SeededCompany> companies)
    {
        var now = pipedrive.Now;
        LivedInMaileonWriter.Schema(maileon, account, now);
        var contacts = new Dictionary<PlannedAddress, List<MaileonContact>>();
        foreach (var address in plan.Addresses.Where(a => a.Side != MaileonSide.Absent))
        {
            contacts[address] = LivedInMaileonWriter.Contacts(maileon, account, address, Holder(address.Holder, companies), now);
        }

        return contacts;
    }

    private ContactHolder? Holder(PlannedPerson? planned, IReadOnlyList<SeededCompany> companies)
    {
        if (planned is null)
        {
            return null;
        }

        var company = companies[planned.SecondCompany ? 1 : 0];
        var person = company.Persons[planned];
        var owner = pipedrive.FindUser(person.OwnerId)!;
        var organization = person.OrgId is { } org ? company.Organizations.First(o => o.Id == org).Name : null;
        return new ContactHolder(company.Company.Id, person.Id, organization, owner.Name, owner.Email);
    }
}
