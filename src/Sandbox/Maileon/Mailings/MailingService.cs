using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Reports;
using PipedriveMaileon.Sandbox.Maileon.Webhooks;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>
/// The mailing rules shared by the REST API, the control API and the console: create (the documented checks of
/// name, subject and type), send to a target group (seals the mailing), and record what recipients did — opens and
/// clicks tied to the contact only with single-user tracking (DOI+), bounces always, each bounce firing the
/// account's <c>bounce</c> webhooks.
/// </summary>
public sealed class MailingService(
    MaileonStore store,
    SandboxClock clock,
    MaileonTime time,
    WebhookPayloadBuilder payloads,
    WebhookDispatcher dispatcher)
{
    public const int MaxSubjectLength = 1023;

    private static readonly int[] DefaultPermissions = [Permission.DoubleOptIn, Permission.DoubleOptInPlus];

    /// <summary><c>POST /mailings?name&amp;subject&amp;type&amp;editorVersion</c> (docs: "Create Mailing").</summary>
    public MailingOutcome Create(long accountId, string? name, string? subject, string? type, string? editorVersion)
    {
        var problem = name is not { Length: >= 3 and <= 64 } ? $"The name must be 3 to 64 characters long but was '{name}'."
            : string.IsNullOrEmpty(subject) ? "The subject must not be empty."
            : subject.Length > MaxSubjectLength ? $"The subject must not exceed {MaxSubjectLength} characters."
            : subject.Any(char.IsControl) || name.Any(char.IsControl) ? "Control characters are not allowed in name and subject."
            : !MailingStates.Types.Contains(type ?? MailingStates.RegularType) ? $"Invalid mailing type '{type}': use doi, trigger or regular."
            : editorVersion is not (null or "1" or "v1" or "2" or "v2") ? $"Invalid editorVersion '{editorVersion}': use 1, v1, 2 or v2."
            : null;
        if (problem is not null)
        {
            return MailingOutcome.Fail(StatusCodes.Status400BadRequest, problem);
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(accountId);
            if (account is null)
            {
                return MailingOutcome.Fail(StatusCodes.Status404NotFound, $"Newsletter account {accountId} not found.");
            }

            if (account.Mailings.Values.Any(m => string.Equals(m.Name, name, StringComparison.Ordinal)))
            {
                return MailingOutcome.Fail(StatusCodes.Status409Conflict, $"A mailing with the name '{name}' exists already.");
            }

            var mailing = new Mailing
            {
                Id = store.NextMailingId(),
                AccountId = account.Id,
                Name = name!,
                Subject = subject!,
                Type = type ?? MailingStates.RegularType,
                Created = clock.UtcNow,
            };
            account.Mailings[mailing.Id] = mailing;
            return new MailingOutcome(StatusCodes.Status201Created, null, mailing.Id);
        }
    }

    /// <summary>Sends the mailing to the target group: one message per recipient; the mailing is sealed afterwards.</summary>
    public MailingOutcome Send(long accountId, long mailingId, SendoutTarget target)
    {
        lock (store.Gate)
        {
            var (account, mailing, failure) = Find(accountId, mailingId);
            if (failure is not null)
            {
                return failure;
            }

            if (mailing!.IsSealed)
            {
                return MailingOutcome.Fail(StatusCodes.Status409Conflict, $"Mailing with ID {mailingId} is sealed.");
            }

            var permissions = (target.Permissions is { Count: > 0 } given ? given : [.. DefaultPermissions]).ToHashSet();
            var emails = target.Emails?.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var recipients = account!.Contacts.Values
                .Where(c => !c.Anonymous && permissions.Contains(c.Permission))
                .Where(c => emails is null || (c.Email is not null && emails.Contains(c.Email)))
                .OrderBy(c => c.Id)
                .ToList();
            if (recipients.Count == 0)
            {
                return MailingOutcome.Fail(StatusCodes.Status400BadRequest, "No active contact matches the target group.");
            }

            foreach (var url in target.Links ?? [])
            {
                LinkFor(mailing, url);
            }

            mailing.Recipients = [.. recipients.Select(c => new MailingRecipient { ContactId = c.Id, MessageId = store.NextMessageId(), Permission = c.Permission })];
            mailing.State = MailingStates.Done;
            mailing.SentAt = clock.UtcNow;
            return new MailingOutcome(StatusCodes.Status200OK, null, mailing.Id, recipients.Count);
        }
    }

    /// <summary>Records what recipients did; every request must name a recipient of the sendout.</summary>
    public MailingOutcome Track(long accountId, long mailingId, IReadOnlyList<TrackingRequest> requests)
    {
        var calls = new List<WebhookCall>();
        MailingOutcome outcome;
        lock (store.Gate)
        {
            outcome = TrackLocked(accountId, mailingId, requests, calls);
        }

        dispatcher.Enqueue(calls);
        return outcome;
    }

    private MailingOutcome TrackLocked(long accountId, long mailingId, IReadOnlyList<TrackingRequest> requests, List<WebhookCall> calls)
    {
        var (account, mailing, failure) = Find(accountId, mailingId);
        if (failure is not null)
        {
            return failure;
        }

        if (!mailing!.IsSealed)
        {
            return MailingOutcome.Fail(StatusCodes.Status409Conflict, $"Mailing {mailingId} was not sent yet.");
        }

        var resolved = new List<(TrackingRequest Request, MaileonContact Contact, MailingRecipient Recipient)>();
        foreach (var request in requests)
        {
            var problem = Validate(request);
            var contact = request.ContactId is { } id ? account!.Contacts.GetValueOrDefault(id)
                : request.Email is { } email ? account!.FindActiveByEmail(email) : null;
            var recipient = contact is null ? null : mailing.Recipients.FirstOrDefault(r => r.ContactId == contact.Id);
            if (problem is not null || recipient is null)
            {
                return MailingOutcome.Fail(StatusCodes.Status400BadRequest,
                    problem ?? $"{request.Email ?? request.ContactId?.ToString(System.Globalization.CultureInfo.InvariantCulture)} did not receive mailing {mailingId}.");
            }

            resolved.Add((request, contact!, recipient));
        }

        var recorded = resolved.Sum(r => Record(account!, mailing, r.Request, r.Contact, r.Recipient, calls));
        return new MailingOutcome(StatusCodes.Status200OK, null, mailing.Id, recorded);
    }

    private static string? Validate(TrackingRequest request) =>
        request.Opens is < 0 or > 1000 ? "opens must be 0..1000."
        : request.Clicks is { Count: > 1000 } ? "At most 1000 clicks per recipient and request."
        : request.Clicks?.FirstOrDefault(u => !Uri.TryCreate(u, UriKind.Absolute, out _)) is { } bad ? $"Not an absolute URL: '{bad}'."
        : request.Bounce is not (null or "hard" or "soft") ? $"bounce must be hard or soft, not '{request.Bounce}'."
        : request.DeviceType is not (null or "UNKNOWN" or "COMPUTER" or "TABLET" or "MOBILE") ? $"Unknown device type '{request.DeviceType}'."
        : request.ContactId is null && string.IsNullOrEmpty(request.Email) ? "Give email or contactId."
        : null;

    /// <summary>Adds the request's events, one second apart ending at its time: opens, then clicks, then the bounce.</summary>
    private int Record(NewsletterAccount account, Mailing mailing, TrackingRequest request, MaileonContact contact, MailingRecipient recipient, List<WebhookCall> calls)
    {
        var kinds = Enumerable.Repeat(TrackingEvent.Open, request.Opens ?? 0)
            .Concat((request.Clicks ?? []).Select(_ => TrackingEvent.Click))
            .Concat(request.Bounce is null ? [] : [TrackingEvent.Bounce])
            .ToList();
        var end = request.At ?? clock.UtcNow;
        var clicks = new Queue<string>(request.Clicks ?? []);
        var tracked = contact.Permission == Permission.DoubleOptInPlus && !contact.Anonymous;
        for (var i = 0; i < kinds.Count; i++)
        {
            var tracking = new TrackingEvent
            {
                Id = store.NextTrackingId(),
                Kind = kinds[i],
                ContactId = contact.Id,
                MailingId = mailing.Id,
                MessageId = recipient.MessageId,
                Timestamp = end.AddSeconds(i - kinds.Count + 1),
                Personal = kinds[i] == TrackingEvent.Bounce ? !contact.Anonymous : tracked,
                DeviceType = request.DeviceType ?? "COMPUTER",
            };
            if (tracking.Kind == TrackingEvent.Click)
            {
                var link = LinkFor(mailing, clicks.Dequeue());
                (tracking.LinkId, tracking.LinkUrl) = (link.Id, link.Url);
            }
            else if (tracking.Kind == TrackingEvent.Bounce)
            {
                var hard = request.Bounce == "hard";
                tracking.BounceType = hard ? "permanent" : "transient";
                tracking.StatusCode = request.StatusCode ?? (hard ? "5.1.1" : "4.2.2");
                tracking.Source = "mta-listener";
                FireBounce(account, contact, tracking, calls);
            }

            account.Tracking.Add(tracking);
        }

        return kinds.Count;
    }

    private void FireBounce(NewsletterAccount account, MaileonContact contact, TrackingEvent bounce, List<WebhookCall> calls)
    {
        var trigger = WebhookTrigger.For(contact, WebhookEvents.Bounce, new Dictionary<string, JsonNode?>
        {
            ["timestamp"] = time.Seconds(bounce.Timestamp),
            ["msg_id"] = bounce.MessageId,
            ["mailing_id"] = bounce.MailingId,
            ["source"] = bounce.Source,
            ["transaction_id"] = null,
            ["method"] = null,
            ["reason"] = null,
        });
        foreach (var webhook in account.Webhooks.Values.Where(w => w.Event == WebhookEvents.Bounce).OrderBy(w => w.Id))
        {
            calls.Add(payloads.Build(store.Generation, webhook, trigger));
        }
    }

    private MailingLink LinkFor(Mailing mailing, string url)
    {
        var link = mailing.Links.FirstOrDefault(l => string.Equals(l.Url, url, StringComparison.Ordinal));
        if (link is null)
        {
            link = new MailingLink { Id = store.NextLinkId(), Url = url };
            mailing.Links.Add(link);
        }

        return link;
    }

    private (NewsletterAccount? Account, Mailing? Mailing, MailingOutcome? Failure) Find(long accountId, long mailingId)
    {
        var account = store.FindAccount(accountId);
        if (account is null)
        {
            return (null, null, MailingOutcome.Fail(StatusCodes.Status404NotFound, $"Newsletter account {accountId} not found."));
        }

        return account.Mailings.TryGetValue(mailingId, out var mailing)
            ? (account, mailing, null)
            : (account, null, MailingOutcome.Fail(StatusCodes.Status404NotFound, $"Mailing with id {mailingId} not found."));
    }
}
