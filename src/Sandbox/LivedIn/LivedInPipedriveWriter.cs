using System.Globalization;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// Writes the planned companies into the Pipedrive store directly (no webhooks: the persons existed before the app was
/// installed), shaped as the API would return them: option ids in <c>custom_fields</c>, <c>emails</c> with a primary,
/// add and update times spread over the past years. Call under the store's gate.
/// </summary>
internal static class LivedInPipedriveWriter
{
    public static SeededCompany Company(PipedriveStore store, string name, long? id, IReadOnlyList<PlannedPerson> persons,
        IReadOnlyList<string> organizations, string fieldKey, bool german, int extraOwners)
    {
        var now = store.Now;
        var slug = german ? "partner" : "lived-in";
        var company = store.CreateCompany(name, id, german ? "Paula Partner" : "Lena Lived-in", $"admin@{slug}.example", null);
        var admin = store.AdminOf(company.Id);
        var owners = new List<User> { admin };
        for (var i = 1; i <= extraOwners; i++)
        {
            owners.Add(store.CreateUser(company.Id, $"Owner {i.ToString(CultureInfo.InvariantCulture)}", $"owner{i.ToString(CultureInfo.InvariantCulture)}@{slug}.example", false));
        }

        var orgs = organizations.Select(o => store.CreateOrganization(company.Id, o, admin.Id)).ToList();
        var options = german ? IncumbentNewsletterField.German : IncumbentNewsletterField.English;
        var field = store.NewField(company.Id, fieldKey, IncumbentNewsletterField.Name, "enum", admin.Id, options.Select(o => o.Label));
        field.IsCustom = true;
        field.AddTime = field.UpdateTime = now.AddDays(-1600);

        var created = new Dictionary<PlannedPerson, Person>();
        foreach (var planned in persons)
        {
            var person = new Person
            {
                CompanyId = company.Id,
                Name = $"{planned.FirstName} {planned.LastName}",
                FirstName = planned.FirstName,
                LastName = planned.LastName,
                OwnerId = owners[planned.Owner].Id,
                OrgId = planned.Organization is { } org ? orgs[org].Id : null,
                Emails = [.. planned.Emails],
                Phones = [.. planned.Phones],
            };
            if (IncumbentNewsletterField.LabelFor(planned.Mark, german, planned.VerbLabel) is { } label)
            {
                person.CustomFields[field.Key] = JsonValue.Create(field.Options.First(o => o.Label == label).Id);
            }

            store.AddPerson(person);
            person.AddTime = now.AddDays(-planned.AddedDaysAgo).AddMinutes(-planned.Index % 600);
            person.UpdateTime = now.AddDays(-planned.UpdatedDaysAgo).AddMinutes(-planned.Index % 600);
            created[planned] = person;
        }

        return new SeededCompany(company, admin, owners, orgs, field, german, created);
    }

    public static Deal Deal(PipedriveStore store, SeededCompany company, PlannedDeal planned)
    {
        var person = company.Persons[planned.Person];
        var now = store.Now;
        var deal = store.AddDeal(new Deal
        {
            CompanyId = company.Company.Id,
            Title = planned.Title,
            Value = planned.Value,
            Currency = planned.Currency,
            Status = planned.Status,
            PersonId = person.Id,
            OrgId = person.OrgId,
            OwnerId = person.OwnerId,
            CreatorUserId = company.Admin.Id,
            ExpectedCloseDate = planned.ExpectedCloseInDays is { } days
                ? DateOnly.FromDateTime(now.UtcDateTime.AddDays(days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
        });
        deal.AddTime = now.AddDays(-planned.DaysAgo);
        deal.UpdateTime = now.AddDays(-planned.DaysAgo / 2.0);
        if (planned.Status != "open")
        {
            deal.CloseTime = deal.UpdateTime;
            deal.WonTime = planned.Status == "won" ? deal.UpdateTime : null;
            deal.LostTime = planned.Status == "lost" ? deal.UpdateTime : null;
        }

        return deal;
    }
}
