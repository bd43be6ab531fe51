using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>An address as the plan has it: its lower-case key and what the Maileon account holds for it.</summary>
internal sealed class PlannedAddress
{
    public string Key { get; init; } = string.Empty;
    public MaileonSide Side { get; init; }
    public ContactOrigin Origin { get; init; }

    /// <summary>The person whose names and owner the Maileon contact carries (null for contacts no person has).</summary>
    public PlannedPerson? Holder { get; set; }

    /// <summary>An active DOI contact whose address had unsubscribed before (an older, anonymised contact and its report entry).</summary>
    public bool EarlierUnsubscription { get; init; }

    /// <summary>Other systems: <c>createdByPipedrive=false</c> written (else absent).</summary>
    public bool CreatedByFalse { get; init; }

    public int DaysAgo { get; init; }
    public int Number { get; init; }
    public string FirstName { get; init; } = string.Empty;
    public string LastName { get; init; } = string.Empty;
}

/// <summary>A person as the plan has it, before the store gives it an id.</summary>
internal sealed class PlannedPerson
{
    public int Index { get; init; }
    public bool SecondCompany { get; init; }
    public string FirstName { get; init; } = string.Empty;
    public string LastName { get; init; } = string.Empty;
    public List<ContactValue> Emails { get; init; } = [];
    public List<ContactValue> Phones { get; init; } = [];
    public EmailShape Shape { get; set; }
    public NewsletterMark Mark { get; init; }

    /// <summary>Unsubscribed shown with the incumbent's verb label "Unsubscribe" instead of "Unsubscribed".</summary>
    public bool VerbLabel { get; init; }

    public int? Organization { get; init; }
    public int Owner { get; init; }
    public int AddedDaysAgo { get; init; }
    public int UpdatedDaysAgo { get; init; }

    /// <summary>The primary address, when it is a usable one.</summary>
    public PlannedAddress? Address { get; set; }
}

/// <summary>A deal of the first company.</summary>
internal sealed record PlannedDeal(PlannedPerson Person, string Title, decimal Value, string Currency, string Status, int? ExpectedCloseInDays, int DaysAgo);

/// <summary>Everything the fixture creates, decided before any id exists.</summary>
internal sealed record LivedInPlan(
    IReadOnlyList<PlannedPerson> First,
    IReadOnlyList<PlannedPerson> Second,
    IReadOnlyList<PlannedAddress> Addresses,
    IReadOnlyList<PlannedDeal> Deals,
    IReadOnlyList<string> FirstOrganizations,
    IReadOnlyList<string> SecondOrganizations,
    string FirstFieldKey,
    string SecondFieldKey,
    string ApiKey);
