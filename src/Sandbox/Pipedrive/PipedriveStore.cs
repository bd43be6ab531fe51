using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

namespace PipedriveMaileon.Sandbox.Pipedrive;

/// <summary>
/// All state of the Pipedrive emulator. Every read or write happens under <see cref="Gate"/>; operations are short,
/// so one lock keeps the rules simple. Ids are unique across companies.
/// </summary>
public sealed class PipedriveStore(SandboxClock clock) : IEmulatorState
{
    public const int DeliveryCapacity = 20_000;
    public const long DemoCompanyId = 1_000_001;
    public const long DemoAdminId = 2_000_001;

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<long, Company> companies = [];
    private readonly Dictionary<long, User> users = [];
    private readonly Dictionary<long, Organization> organizations = [];
    private readonly Dictionary<long, Person> persons = [];
    private readonly Dictionary<long, Deal> deals = [];
    private readonly Dictionary<long, Activity> activities = [];
    private readonly Dictionary<long, Note> notes = [];
    private readonly Dictionary<long, PersonField> fields = [];
    private readonly Dictionary<long, Webhook> webhooks = [];
    private readonly Dictionary<string, TokenGrant> codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenGrant> accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenGrant> refreshTokens = new(StringComparer.Ordinal);
    private readonly List<DeliveryRecord> deliveries = [];
    private readonly Dictionary<(long, string), EndpointUsage> usage = [];
    private readonly Dictionary<long, (DateOnly Day, long Spent)> dailySpent = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> bursts = new(StringComparer.Ordinal);
    private PipedriveIds ids = new();
    private bool seeded;

    public object Gate { get; } = new();

    public EmulatorKind Emulator => EmulatorKind.Pipedrive;

    /// <summary>Incremented by every reset and import, so queued webhook work from before is dropped.</summary>
    public long Generation { get; private set; }

    public DeliveryBehaviour Delivery { get; set; } = new();

    public List<RateLimitRule> RateLimitRules { get; } = [];

    public DateTimeOffset Now => clock.UtcNow;

    public IReadOnlyCollection<Company> Companies => Seeded(companies).Values;
    public IEnumerable<User> Users => Seeded(users).Values;
    public IEnumerable<Organization> Organizations => Seeded(organizations).Values;
    public IEnumerable<Person> Persons => Seeded(persons).Values;
    public IEnumerable<Deal> Deals => Seeded(deals).Values;
    public IEnumerable<Activity> Activities => Seeded(activities).Values;
    public IEnumerable<Note> Notes => Seeded(notes).Values;
    public IEnumerable<PersonField> Fields => Seeded(fields).Values;
    public IEnumerable<Webhook> Webhooks => Seeded(webhooks).Values;
    public IReadOnlyList<DeliveryRecord> Deliveries => deliveries;
    public IEnumerable<EndpointUsage> Usage => usage.Values;

    public Company? FindCompany(long id) => Seeded(companies).GetValueOrDefault(id);
    public User? FindUser(long id) => Seeded(users).GetValueOrDefault(id);
    public Organization? FindOrganization(long id) => Seeded(organizations).GetValueOrDefault(id);
    public Person? FindPerson(long id) => Seeded(persons).GetValueOrDefault(id);
    public Deal? FindDeal(long id) => Seeded(deals).GetValueOrDefault(id);
    public Activity? FindActivity(long id) => Seeded(activities).GetValueOrDefault(id);
    public Note? FindNote(long id) => Seeded(notes).GetValueOrDefault(id);
    public PersonField? FindField(long id) => Seeded(fields).GetValueOrDefault(id);
    public Webhook? FindWebhook(long id) => Seeded(webhooks).GetValueOrDefault(id);

    public IEnumerable<PersonField> FieldsOf(long companyId) => Fields.Where(f => f.CompanyId == companyId).OrderBy(f => f.OrderNr).ThenBy(f => f.Id);

    public IEnumerable<PersonField> CustomFieldsOf(long companyId) => FieldsOf(companyId).Where(f => f.IsCustom);

    public User AdminOf(long companyId) => Users.Where(u => u.CompanyId == companyId).OrderByDescending(u => u.IsAdmin).ThenBy(u => u.Id).First();

    public Company CreateCompany(string name, long? id, string adminName, string adminEmail, long? adminId)
    {
        EnsureSeeded();
        var companyId = id ?? ++ids.Company;
        if (companies.ContainsKey(companyId))
        {
            throw new InvalidOperationException($"Company {companyId} exists already.");
        }

        ids.Company = Math.Max(ids.Company, companyId);
        var company = new Company
        {
            Id = companyId,
            Name = name,
            Domain = Slug(name, companyId),
            AddTime = Now,
        };
        companies[companyId] = company;
        CreateUser(companyId, adminName, adminEmail, true, adminId);
        foreach (var (key, label, type) in BuiltInFields)
        {
            var field = NewField(companyId, key, label, type, null);
            field.IsCustom = false;
        }

        return company;
    }

    public User CreateUser(long companyId, string name, string email, bool isAdmin, long? id = null)
    {
        var userId = id ?? ++ids.User;
        if (users.ContainsKey(userId))
        {
            throw new InvalidOperationException($"User {userId} exists already.");
        }

        ids.User = Math.Max(ids.User, userId);
        var user = new User { Id = userId, CompanyId = companyId, Name = name, Email = email, IsAdmin = isAdmin, Created = Now };
        users[userId] = user;
        return user;
    }

    public Organization CreateOrganization(long companyId, string name, long ownerId)
    {
        var organization = new Organization { Id = ++ids.Organization, CompanyId = companyId, Name = name, OwnerId = ownerId, AddTime = Now, UpdateTime = Now };
        organizations[organization.Id] = organization;
        return organization;
    }

    public Person AddPerson(Person person)
    {
        person.Id = ++ids.Person;
        person.AddTime = person.UpdateTime = Now;
        persons[person.Id] = person;
        return person;
    }

    public Deal AddDeal(Deal deal)
    {
        deal.Id = ++ids.Deal;
        deal.AddTime = deal.UpdateTime = Now;
        deals[deal.Id] = deal;
        return deal;
    }

    public Activity AddActivity(Activity activity)
    {
        activity.Id = ++ids.Activity;
        activity.AddTime = activity.UpdateTime = Now;
        activities[activity.Id] = activity;
        return activity;
    }

    public Note AddNote(Note note)
    {
        note.Id = ++ids.Note;
        note.AddTime = note.UpdateTime = Now;
        notes[note.Id] = note;
        return note;
    }

    /// <summary>Notes are deleted for good (the v1 API answers <c>data: true</c>).</summary>
    public bool RemoveNote(long id) => notes.Remove(id);

    /// <summary>Adds a custom field with a random 40-hex key and numbered options.</summary>
    public PersonField NewField(long companyId, string? key, string name, string fieldType, long? createdBy, IEnumerable<string>? optionLabels = null)
    {
        var field = new PersonField
        {
            Id = ++ids.Field,
            CompanyId = companyId,
            Key = key ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant(),
            Name = name,
            FieldType = fieldType,
            IsCustom = key is null,
            CreatedByUserId = createdBy,
            AddTime = Now,
            UpdateTime = Now,
            OrderNr = Fields.Count(f => f.CompanyId == companyId) + 1,
            Options = [.. (optionLabels ?? []).Select(label => new FieldOption(++ids.Option, label))],
        };
        fields[field.Id] = field;
        return field;
    }

    /// <summary>Adds an option with the next option id to an enum or set field.</summary>
    public FieldOption AddFieldOption(PersonField field, string label)
    {
        ArgumentNullException.ThrowIfNull(field);
        var option = new FieldOption(++ids.Option, label);
        field.Options.Add(option);
        field.UpdateTime = Now;
        return option;
    }

    /// <summary>Removes a custom field and its values from every person of the company.</summary>
    public bool RemoveField(long id)
    {
        if (!fields.Remove(id, out var field))
        {
            return false;
        }

        foreach (var person in persons.Values.Where(p => p.CompanyId == field.CompanyId))
        {
            person.CustomFields.Remove(field.Key);
        }

        return true;
    }

    public Webhook AddWebhook(Webhook webhook)
    {
        webhook.Id = ++ids.Webhook;
        webhook.AddTime = Now;
        webhooks[webhook.Id] = webhook;
        return webhook;
    }

    public bool RemoveWebhook(long id) => webhooks.Remove(id);

    public string IssueCode(long companyId, long userId, string redirectUri, TimeSpan lifetime)
    {
        var code = $"{companyId}.{userId}.{NewSecret(20)}";
        codes[code] = new TokenGrant { Value = code, CompanyId = companyId, UserId = userId, RedirectUri = redirectUri, ExpiresAt = Now + lifetime };
        return code;
    }

    public TokenGrant? FindCode(string code) => codes.GetValueOrDefault(code);

    public TokenGrant IssueAccessToken(long companyId, long userId, TimeSpan lifetime)
    {
        var grant = new TokenGrant { Value = "v1u:" + NewSecret(96), CompanyId = companyId, UserId = userId, ExpiresAt = Now + lifetime };
        accessTokens[grant.Value] = grant;
        return grant;
    }

    /// <summary>Pipedrive re-issues the same refresh token per user and company; the 60-day window restarts on use.</summary>
    public TokenGrant RefreshTokenFor(long companyId, long userId)
    {
        var existing = refreshTokens.Values.FirstOrDefault(t => t.CompanyId == companyId && t.UserId == userId && !t.Revoked);
        if (existing is null)
        {
            existing = new TokenGrant { Value = $"{companyId}:{userId}:{NewSecret(20)}", CompanyId = companyId, UserId = userId };
            refreshTokens[existing.Value] = existing;
        }

        existing.ExpiresAt = Now + TimeSpan.FromDays(60);
        return existing;
    }

    public TokenGrant? FindAccessToken(string token) => accessTokens.GetValueOrDefault(token);

    public TokenGrant? FindRefreshToken(string token) => refreshTokens.GetValueOrDefault(token);

    public IEnumerable<TokenGrant> AccessTokensOf(long companyId) => accessTokens.Values.Where(t => t.CompanyId == companyId);

    public IEnumerable<TokenGrant> RefreshTokensOf(long companyId) => refreshTokens.Values.Where(t => t.CompanyId == companyId);

    /// <summary>Uninstall: every token of the company is revoked and the app's webhooks are removed.</summary>
    /// <summary>
    /// One user removes the app (app sharing: each user authorised it for themselves): only that user's tokens and the
    /// app webhooks created with them go. Returns whether the company's installation is gone with them, which it is
    /// when that user installed it or no other user's grant is left.
    /// </summary>
    public bool UninstallFor(long companyId, long userId)
    {
        var company = FindCompany(companyId);
        var othersKeepIt = company?.InstalledByUserId is { } installer && installer != userId
            && RefreshTokensOf(companyId).Any(t => t.UserId != userId && !t.Revoked);
        if (!othersKeepIt)
        {
            Uninstall(companyId);
            return true;
        }

        RevokeApp(companyId, userId);
        return false;
    }

    public void Uninstall(long companyId)
    {
        RevokeApp(companyId, userId: null);
        if (FindCompany(companyId) is { } company)
        {
            company.Installed = false;
        }
    }

    /// <summary>Revokes the app's tokens and removes its webhooks: one user's, or everyone's when <paramref name="userId"/> is null.</summary>
    private void RevokeApp(long companyId, long? userId)
    {
        foreach (var grant in AccessTokensOf(companyId).Concat(RefreshTokensOf(companyId)).Where(t => userId is null || t.UserId == userId))
        {
            grant.Revoked = true;
        }

        foreach (var webhook in webhooks.Values.Where(w => w.CompanyId == companyId && w.Type == "application" && (userId is null || w.UserId == userId)).ToList())
        {
            webhooks.Remove(webhook.Id);
        }
    }

    public DeliveryRecord RecordDelivery(DeliveryRecord delivery)
    {
        delivery.Sequence = ++ids.Delivery;
        deliveries.Add(delivery);
        if (deliveries.Count > DeliveryCapacity)
        {
            deliveries.RemoveRange(0, deliveries.Count - DeliveryCapacity);
        }

        return delivery;
    }

    public EndpointUsage UsageOf(long companyId, string endpoint)
    {
        if (!usage.TryGetValue((companyId, endpoint), out var entry))
        {
            entry = new EndpointUsage { CompanyId = companyId, Endpoint = endpoint };
            usage[(companyId, endpoint)] = entry;
        }

        return entry;
    }

    public void ClearUsage()
    {
        usage.Clear();
        dailySpent.Clear();
    }

    /// <summary>Tokens spent today by the company (the budget resets at midnight UTC).</summary>
    public long SpentToday(long companyId) =>
        dailySpent.TryGetValue(companyId, out var spent) && spent.Day == DateOnly.FromDateTime(Now.UtcDateTime) ? spent.Spent : 0;

    public void Spend(long companyId, long tokens) =>
        dailySpent[companyId] = (DateOnly.FromDateTime(Now.UtcDateTime), SpentToday(companyId) + tokens);

    /// <summary>Counts a request in the token's rolling 2 s window and returns how many it holds and when it frees up.</summary>
    public (int Count, TimeSpan ResetsIn) CountBurst(string token)
    {
        var now = Now;
        if (!bursts.TryGetValue(token, out var window))
        {
            window = new Queue<DateTimeOffset>();
            bursts[token] = window;
        }

        while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromSeconds(2))
        {
            window.Dequeue();
        }

        window.Enqueue(now);
        return (window.Count, TimeSpan.FromSeconds(2) - (now - window.Peek()));
    }

    public void Reset()
    {
        lock (Gate)
        {
            Clear();
            Delivery = new DeliveryBehaviour();
            RateLimitRules.Clear();
            Generation++;
            seeded = false;
            EnsureSeeded();
        }
    }

    public JsonNode Export()
    {
        lock (Gate)
        {
            EnsureSeeded();
            var snapshot = new PipedriveSnapshot
            {
                Ids = ids,
                Companies = [.. companies.Values.OrderBy(c => c.Id)],
                Users = [.. users.Values.OrderBy(u => u.Id)],
                Organizations = [.. organizations.Values.OrderBy(o => o.Id)],
                Persons = [.. persons.Values.OrderBy(p => p.Id)],
                Deals = [.. deals.Values.OrderBy(d => d.Id)],
                Activities = [.. activities.Values.OrderBy(a => a.Id)],
                Notes = [.. notes.Values.OrderBy(n => n.Id)],
                Fields = [.. fields.Values.OrderBy(f => f.Id)],
                Webhooks = [.. webhooks.Values.OrderBy(w => w.Id)],
                AccessTokens = [.. accessTokens.Values.Where(t => !t.Revoked && t.ExpiresAt > Now)],
                RefreshTokens = [.. refreshTokens.Values],
                Deliveries = [.. deliveries],
            };
            return JsonSerializer.SerializeToNode(snapshot, SnapshotJson)!;
        }
    }

    public void Import(JsonNode snapshot)
    {
        var restored = snapshot.Deserialize<PipedriveSnapshot>(SnapshotJson)
            ?? throw new InvalidOperationException("The Pipedrive snapshot is empty.");
        lock (Gate)
        {
            Clear();
            ids = restored.Ids;
            restored.Companies.ForEach(c => companies[c.Id] = c);
            restored.Users.ForEach(u => users[u.Id] = u);
            restored.Organizations.ForEach(o => organizations[o.Id] = o);
            restored.Persons.ForEach(p =>
            {
                p.CustomFields = new Dictionary<string, JsonNode?>(p.CustomFields, StringComparer.Ordinal);
                persons[p.Id] = p;
            });
            restored.Deals.ForEach(d => deals[d.Id] = d);
            restored.Activities.ForEach(a => activities[a.Id] = a);
            restored.Notes.ForEach(n => notes[n.Id] = n);
            restored.Fields.ForEach(f => fields[f.Id] = f);
            restored.Webhooks.ForEach(w => webhooks[w.Id] = w);
            restored.AccessTokens.ForEach(t => accessTokens[t.Value] = t);
            restored.RefreshTokens.ForEach(t => refreshTokens[t.Value] = t);
            deliveries.AddRange(restored.Deliveries);
            Generation++;
            seeded = true;
        }
    }

    private static readonly (string Key, string Name, string Type)[] BuiltInFields =
    [
        ("name", "Name", "varchar"),
        ("first_name", "First name", "varchar"),
        ("last_name", "Last name", "varchar"),
        ("email", "Email", "varchar"),
        ("phone", "Phone", "phone"),
        ("org_id", "Organization", "org"),
        ("owner_id", "Owner", "user"),
    ];

    private static string NewSecret(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant();

    private static string Slug(string name, long id)
    {
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return string.IsNullOrEmpty(slug) ? $"company-{id}" : slug;
    }

    private void Clear()
    {
        companies.Clear();
        users.Clear();
        organizations.Clear();
        persons.Clear();
        deals.Clear();
        activities.Clear();
        notes.Clear();
        fields.Clear();
        webhooks.Clear();
        codes.Clear();
        accessTokens.Clear();
        refreshTokens.Clear();
        deliveries.Clear();
        usage.Clear();
        dailySpent.Clear();
        bursts.Clear();
        ids = new PipedriveIds();
    }

    private T Seeded<T>(T value)
    {
        EnsureSeeded();
        return value;
    }

    /// <summary>The demo company, its admin, an organization and two persons, present after start and every reset.</summary>
    private void EnsureSeeded()
    {
        if (seeded)
        {
            return;
        }

        seeded = true;
        var company = CreateCompany("Demo GmbH", DemoCompanyId, "Dana Admin", "dana@demo.example", DemoAdminId);
        var organization = CreateOrganization(company.Id, "Musterkunde AG", DemoAdminId);
        AddPerson(new Person
        {
            CompanyId = company.Id, Name = "Max Mustermann", FirstName = "Max", LastName = "Mustermann", OwnerId = DemoAdminId,
            OrgId = organization.Id, Emails = [new ContactValue("max@musterkunde.example", true, "work")],
        });
        AddPerson(new Person
        {
            CompanyId = company.Id, Name = "Erika Musterfrau", FirstName = "Erika", LastName = "Musterfrau", OwnerId = DemoAdminId,
            OrgId = organization.Id, Emails = [new ContactValue("erika@musterkunde.example", true, "work")],
        });
    }
}
