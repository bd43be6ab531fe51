using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Contacts;

/// <summary>The Newsletter field, events as Pipedrive and Maileon send them, and what a working Maileon answers.</summary>
public static class ContactDefaults
{
    public const long AppUserId = 1;
    public const long AdminUserId = 9;
    public const string NewsletterKey = "5a1c0ffee5a1c0ffee5a1c0ffee5a1c0ffee5a1c";

    public static NewsletterFieldConfig Newsletter { get; } = new(NewsletterKey, 12, new Dictionary<NewsletterOption, long>
    {
        [NewsletterOption.Subscribe] = 11,
        [NewsletterOption.AwaitingConfirmation] = 12,
        [NewsletterOption.Subscribed] = 13,
        [NewsletterOption.Unsubscribed] = 14,
    });

    public static EffectOutcome Outcome(EffectRequest<ContactEffect> request) => request.Command switch
    {
        ContactEffect.StartDoubleOptIn => EffectOutcome.Done("contact saved; DOI mail requested", new ContactEffectResult.DoiRequested([])),
        ContactEffect.UpdateContact => EffectOutcome.Done("contact fields updated", new ContactEffectResult.ContactSaved([])),
        ContactEffect.ReadPerson => EffectOutcome.Done("person no longer exists", new ContactEffectResult.PersonRead(null)),
        _ => EffectOutcome.Done("done"),
    };

    /// <summary>A Pipedrive user sets the Newsletter field of person <paramref name="personId"/> (v2 webhook: data and the changed fields).</summary>
    public static PersonEvent NewsletterSet(long companyId, long personId, NewsletterOption option, string? email, DateTimeOffset at, string? eventId = null)
    {
        var present = new HashSet<string>(StringComparer.Ordinal) { "name" };
        if (email is not null)
        {
            present.Add("emails");
        }

        var current = new PersonSnapshot
        {
            Id = personId,
            Name = $"Person {personId}",
            PrimaryEmail = email,
            Emails = email is null ? [] : [email],
            UpdateTime = at,
            PresentFields = present,
            CustomFields = new Dictionary<string, PersonFieldValue> { [NewsletterKey] = new() { OptionId = Newsletter.OptionIds[option] } },
        };
        var previous = new PersonSnapshot { Id = personId, CustomFields = new Dictionary<string, PersonFieldValue> { [NewsletterKey] = PersonFieldValue.Empty } };
        return new PersonEvent(Meta(companyId, personId, PipedriveAction.Change, at, eventId), current, previous);
    }

    public static PipedriveEventMeta Meta(long companyId, long personId, PipedriveAction action, DateTimeOffset at, string? eventId = null) => new()
    {
        EventId = eventId ?? Guid.NewGuid().ToString("N"),
        CompanyId = companyId,
        Entity = PipedriveEntity.Person,
        Action = action,
        EntityId = personId,
        UserId = AdminUserId,
        Timestamp = at,
        ChangeSource = "app",
    };

    public static MaileonEvent FromMaileon(MaileonEventKind kind, long companyId, long personId, string email, DateTimeOffset at) => new()
    {
        Kind = kind,
        Email = email,
        ExternalId = $"pd-{companyId}-{personId}",
        Timestamp = at,
        EventId = $"maileon:{kind}:{companyId}:{personId}:{at.ToUnixTimeMilliseconds()}",
    };
}
