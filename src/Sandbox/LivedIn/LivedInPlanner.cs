using System.Globalization;
using System.Text;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// Decides the lived-in account from a seed: who has which addresses and Newsletter value, and what the shared
/// Maileon account holds for each address. Every random choice comes from one <see cref="Random"/> in a fixed order,
/// so a seed always gives the same plan. The weights are percentages.
/// </summary>
internal sealed class LivedInPlanner(LivedInRequest request)
{
    private static readonly (EmailShape, int)[] FirstShapes =
        [(EmailShape.Single, 74), (EmailShape.None, 5), (EmailShape.Invalid, 3), (EmailShape.Several, 8), (EmailShape.Duplicate, 6), (EmailShape.SharedWithOtherCompany, 4)];

    private static readonly (EmailShape, int)[] SecondShapes = [(EmailShape.Single, 90), (EmailShape.None, 5), (EmailShape.Invalid, 5)];

    private static readonly (NewsletterMark, int)[] FirstMarks =
        [(NewsletterMark.Empty, 55), (NewsletterMark.Subscribe, 14), (NewsletterMark.AwaitingConfirmation, 5), (NewsletterMark.Subscribed, 15), (NewsletterMark.Unsubscribed, 9), (NewsletterMark.Unrecognised, 2)];

    // The German variant has no "awaiting confirmation" option (setup adds one).
    private static readonly (NewsletterMark, int)[] SecondMarks =
        [(NewsletterMark.Empty, 50), (NewsletterMark.Subscribe, 15), (NewsletterMark.Subscribed, 15), (NewsletterMark.Unsubscribed, 15), (NewsletterMark.Unrecognised, 5)];

    private static readonly Dictionary<NewsletterMark, (MaileonSide, int)[]> Sides = new()
    {
        [NewsletterMark.Empty] = [(MaileonSide.Absent, 82), (MaileonSide.None, 3), (MaileonSide.Soi, 5), (MaileonSide.Doi, 3), (MaileonSide.Other, 2), (MaileonSide.Unsubscribed, 5)],
        [NewsletterMark.Subscribe] = [(MaileonSide.Absent, 45), (MaileonSide.None, 10), (MaileonSide.Soi, 10), (MaileonSide.Coi, 5), (MaileonSide.Other, 5), (MaileonSide.Doi, 15), (MaileonSide.DoiPlus, 3), (MaileonSide.Unsubscribed, 7)],
        [NewsletterMark.AwaitingConfirmation] = [(MaileonSide.None, 65), (MaileonSide.Absent, 20), (MaileonSide.Doi, 10), (MaileonSide.Unsubscribed, 5)],
        [NewsletterMark.Subscribed] = [(MaileonSide.Doi, 50), (MaileonSide.DoiPlus, 15), (MaileonSide.Absent, 15), (MaileonSide.Soi, 5), (MaileonSide.Coi, 5), (MaileonSide.Unsubscribed, 10)],
        [NewsletterMark.Unsubscribed] = [(MaileonSide.Unsubscribed, 70), (MaileonSide.Absent, 20), (MaileonSide.Doi, 10)],
        [NewsletterMark.Unrecognised] = [(MaileonSide.Absent, 70), (MaileonSide.Soi, 20), (MaileonSide.Doi, 10)],
    };

    private static readonly (MaileonSide, int)[] ShopSides =
        [(MaileonSide.Doi, 30), (MaileonSide.Soi, 30), (MaileonSide.Coi, 10), (MaileonSide.Other, 10), (MaileonSide.None, 10), (MaileonSide.Unsubscribed, 10)];

    private static readonly string[] FirstNames =
        ["Anna", "Max", "Erika", "Jörg", "Sophie", "Lukas", "Mia", "Jonas", "Lea", "Paul", "Zoë", "Ömer", "Chloé", "Noah", "Emma", "Felix", "Hannah", "Jürgen", "Laura", "Tim"];

    private static readonly string[] LastNames =
        ["Schmidt", "Müller", "Weber", "Fischer", "Becker", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner"];

    private static readonly string[] Domains = ["example.com", "example.org", "example.net", "musterkunde.example", "acme.example", "beispiel.example"];

    private static readonly string[] Companies = ["Nordlicht", "Bergwerk", "Kaffeehaus", "Elbstrom", "Fernweh", "Lindenhof", "Sonnenhang", "Uhrwerk", "Wolkenbruch", "Zugvogel"];

    private static readonly string[] Suffixes = ["GmbH", "AG", "KG", "e.K.", "Ltd"];

    private readonly Random random = new(request.SeedValue);
    private readonly List<PlannedAddress> addresses = [];
    private readonly List<PlannedAddress> duplicable = [];
    private readonly Queue<PlannedAddress> shared = new();
    private int counter;

    public LivedInPlan Plan()
    {
        var apiKey = request.MaileonApiKey ?? $"livedin-{request.SeedValue.ToString(CultureInfo.InvariantCulture)}-{Hex(12)}";
        var firstKey = Hex(20);
        var secondKey = Hex(20);
        var firstOrganizations = Organizations(Math.Max(1, request.PersonCount / 80));
        var secondOrganizations = Organizations(Math.Max(1, request.SecondPersonCount / 80));
        var first = Enumerable.Range(0, request.PersonCount).Select(i => Person(i, false, firstOrganizations.Count, 4)).ToList();
        var second = Enumerable.Range(0, request.SecondPersonCount).Select(i => Person(i, true, secondOrganizations.Count, 2)).ToList();
        while (shared.TryDequeue(out var unshared))
        {
            unshared.Holder!.Shape = EmailShape.Single;
        }

        for (var i = 0; i < request.PersonCount / 5; i++)
        {
            ShopContact();
        }

        return new LivedInPlan(first, second, addresses, Deals(first), firstOrganizations, secondOrganizations, firstKey, secondKey, apiKey);
    }

    private PlannedPerson Person(int index, bool second, int organizations, int owners)
    {
        var (firstName, lastName) = (FirstNames[random.Next(FirstNames.Length)], LastNames[random.Next(LastNames.Length)]);
        var mark = Pick(second ? SecondMarks : FirstMarks);
        var shape = second ? (shared.Count > 0 ? EmailShape.SharedWithOtherCompany : Pick(SecondShapes)) : Pick(FirstShapes);
        if (shape == EmailShape.Duplicate && duplicable.Count == 0)
        {
            shape = EmailShape.Single;
        }

        var added = random.Next(30, 1500);
        var person = new PlannedPerson
        {
            Index = index,
            SecondCompany = second,
            FirstName = firstName,
            LastName = lastName,
            Shape = shape,
            Mark = mark,
            VerbLabel = mark == NewsletterMark.Unsubscribed && random.Next(100) < 30,
            Organization = random.Next(100) < 70 ? random.Next(organizations) : null,
            Owner = random.Next(owners),
            AddedDaysAgo = added,
            UpdatedDaysAgo = random.Next(1, added),
        };
        if (random.Next(100) < 60)
        {
            person.Phones.Add(new ContactValue($"+49 30 {random.Next(1_000_000, 9_999_999)}", true, "work"));
        }

        Addresses(person);
        return person;
    }

    private void Addresses(PlannedPerson person)
    {
        switch (person.Shape)
        {
            case EmailShape.None:
                return;
            case EmailShape.Invalid:
                person.Emails.Add(new ContactValue(Invalid(person), true, "work"));
                return;
            case EmailShape.Duplicate:
                person.Address = duplicable[random.Next(duplicable.Count)];
                person.Emails.Add(new ContactValue(Respell(person.Address.Key), true, "work"));
                return;
            case EmailShape.SharedWithOtherCompany when person.SecondCompany:
                person.Address = shared.Dequeue();
                person.Emails.Add(new ContactValue(random.Next(2) == 0 ? person.Address.Key : Respell(person.Address.Key), true, "work"));
                return;
        }

        person.Address = NewAddress(person.FirstName, person.LastName, person.Mark, person);
        person.Emails.Add(new ContactValue(person.Address.Key, true, "work"));
        if (person.Shape == EmailShape.Several)
        {
            var others = random.Next(1, 3);
            for (var i = 0; i < others; i++)
            {
                var other = new ContactValue(Key(person.FirstName, person.LastName), false, i == 0 ? "home" : "other");
                person.Emails.Insert(random.Next(person.Emails.Count + 1), other);
            }
        }
        else if (person.Shape == EmailShape.SharedWithOtherCompany)
        {
            shared.Enqueue(person.Address);
        }
        else if (!person.SecondCompany)
        {
            duplicable.Add(person.Address);
        }
    }

    private PlannedAddress NewAddress(string firstName, string lastName, NewsletterMark mark, PlannedPerson? holder)
    {
        var side = holder is null ? Pick(ShopSides) : Pick(Sides[mark]);
        var marked = mark is not (NewsletterMark.Empty or NewsletterMark.Unrecognised);
        var origin = holder is null ? Pick([(ContactOrigin.OtherSystem, 70), (ContactOrigin.NoExternalId, 30)])
            : marked ? Pick([(ContactOrigin.Incumbent, 70), (ContactOrigin.OtherSystem, 20), (ContactOrigin.NoExternalId, 10)])
            : Pick([(ContactOrigin.OtherSystem, 60), (ContactOrigin.NoExternalId, 40)]);
        var address = new PlannedAddress
        {
            Key = Key(firstName, lastName),
            Side = side,
            Origin = side == MaileonSide.Absent ? ContactOrigin.NoExternalId : origin,
            Holder = holder,
            EarlierUnsubscription = side is MaileonSide.Doi or MaileonSide.DoiPlus && random.Next(100) < 10,
            CreatedByFalse = random.Next(2) == 0,
            DaysAgo = random.Next(2, 900),
            Number = 100_000 + addresses.Count,
            FirstName = firstName,
            LastName = lastName,
        };
        addresses.Add(address);
        return address;
    }

    private void ShopContact()
    {
        var (firstName, lastName) = (FirstNames[random.Next(FirstNames.Length)], LastNames[random.Next(LastNames.Length)]);
        NewAddress(firstName, lastName, NewsletterMark.Empty, null);
    }

    private List<PlannedDeal> Deals(List<PlannedPerson> persons)
    {
        var candidates = persons.Where(p => p.Address is not null).ToList();
        var deals = new List<PlannedDeal>();
        for (var i = 0; i < persons.Count / 20 && candidates.Count > 0; i++)
        {
            var person = candidates[random.Next(candidates.Count)];
            var roll = random.Next(100);
            var value = roll < 60 ? random.Next(500, 50_000) : roll < 90 ? random.Next(50_000, 5_000_000) / 100m : 0m;
            deals.Add(new PlannedDeal(
                person,
                $"{person.LastName} {Companies[random.Next(Companies.Length)]} #{i + 1}",
                value,
                Pick([("EUR", 70), ("USD", 20), ("CHF", 10)]),
                Pick([("open", 60), ("won", 25), ("lost", 15)]),
                random.Next(100) < 70 ? random.Next(-180, 180) : null,
                random.Next(1, 700)));
        }

        return deals;
    }

    private List<string> Organizations(int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{Companies[random.Next(Companies.Length)]} {Suffixes[random.Next(Suffixes.Length)]} {i + 1}")];

    private string Key(string firstName, string lastName) =>
        $"{Ascii(firstName)}.{Ascii(lastName)}{++counter}@{Domains[random.Next(Domains.Length)]}";

    private string Invalid(PlannedPerson person)
    {
        var (first, last, domain) = (Ascii(person.FirstName), Ascii(person.LastName), Domains[random.Next(Domains.Length)]);
        return random.Next(5) switch
        {
            0 => $"{first}.{last}(at){domain}",
            1 => $"{first}.{last}@",
            2 => $"{person.FirstName} {person.LastName} <{first}.{last}@{domain}>",
            3 => $"{first} {last}@{domain}",
            _ => $"{first}.{last}@{domain.Split('.')[0]}",
        };
    }

    /// <summary>The same address in other letter case: "anna.schmidt12@example.com" → "Anna.Schmidt12@EXAMPLE.com".</summary>
    private static string Respell(string key)
    {
        var at = key.IndexOf('@', StringComparison.Ordinal);
        var local = string.Join('.', key[..at].Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
        var domain = key[(at + 1)..].Split('.');
        domain[0] = domain[0].ToUpperInvariant();
        return $"{local}@{string.Join('.', domain)}";
    }

    private static string Ascii(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            builder.Append(c switch { 'ä' => "ae", 'ö' => "oe", 'ü' => "ue", 'ß' => "ss", 'é' => "e", 'ë' => "e", _ => c.ToString() });
        }

        return builder.ToString();
    }

    private string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexString(buffer).ToLowerInvariant();
    }

    private T Pick<T>((T Value, int Weight)[] table)
    {
        var roll = random.Next(table.Sum(t => t.Weight));
        foreach (var (value, weight) in table)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Unreachable: the roll is below the total weight.");
    }
}
