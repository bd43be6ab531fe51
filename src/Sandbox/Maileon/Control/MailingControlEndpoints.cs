using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Mailings;
using PipedriveMaileon.Sandbox.Maileon.Reports;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Control;

/// <summary>
/// Mailings in the control API: create, send to a target group (default: every active contact with DOI or DOI+),
/// record the recipients' opens, clicks and bounces, and read everything recorded — including the rows the reports
/// hide (anonymous ones), as the truth tests compare with.
/// </summary>
public static class MailingControlEndpoints
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapGet("/mailings", List);
        control.MapPost("/mailings", Create);
        control.MapPost("/mailings/{id:long}/send", (long id, SendMailingRequest? request, MaileonStore store, MailingService mailings, MaileonTime time) =>
            WithOwner(store, id, accountId => Answer(mailings.Send(accountId, id, new SendoutTarget(request?.Permissions, request?.Emails, request?.Links)), store, time)));
        control.MapPost("/mailings/{id:long}/tracking", (long id, TrackMailingRequest request, MaileonStore store, MailingService mailings, MaileonTime time) =>
            WithOwner(store, id, accountId => Answer(mailings.Track(accountId, id, request.Events ?? []), store, time)));
        control.MapGet("/tracking", ListTracking);
    }

    public static JsonObject Describe(Mailing mailing, NewsletterAccount account, MaileonTime time)
    {
        var tracking = account.Tracking.Where(t => t.MailingId == mailing.Id).ToList();
        return new JsonObject
        {
            ["id"] = mailing.Id,
            ["accountId"] = mailing.AccountId,
            ["name"] = mailing.Name,
            ["subject"] = mailing.Subject,
            ["type"] = mailing.Type,
            ["state"] = mailing.State,
            ["sentAt"] = mailing.SentAt is { } sent ? time.Seconds(sent) : null,
            ["links"] = new JsonArray([.. mailing.Links.Select(l => (JsonNode)new JsonObject { ["id"] = l.Id, ["url"] = l.Url })]),
            ["recipients"] = new JsonArray([.. mailing.Recipients.Select(r => (JsonNode)new JsonObject
            {
                ["contactId"] = r.ContactId,
                ["email"] = account.Contacts.GetValueOrDefault(r.ContactId)?.Email,
                ["messageId"] = r.MessageId,
                ["permission"] = r.Permission,
            })]),
            ["counts"] = new JsonObject
            {
                ["opens"] = tracking.Count(t => t.Kind == TrackingEvent.Open),
                ["personalOpens"] = tracking.Count(t => t.Kind == TrackingEvent.Open && t.Personal),
                ["clicks"] = tracking.Count(t => t.Kind == TrackingEvent.Click),
                ["personalClicks"] = tracking.Count(t => t.Kind == TrackingEvent.Click && t.Personal),
                ["hardBounces"] = tracking.Count(t => t.BounceType == "permanent"),
                ["softBounces"] = tracking.Count(t => t.BounceType == "transient"),
            },
        };
    }

    private static IResult List(long? accountId, MaileonStore store, MaileonTime time)
    {
        lock (store.Gate)
        {
            var mailings = store.Accounts.Where(a => accountId is null || a.Id == accountId)
                .SelectMany(a => a.Mailings.Values.Select(m => (JsonNode)Describe(m, a, time)));
            return MaileonResponses.JsonBody(new JsonArray([.. mailings]));
        }
    }

    private static IResult Create(CreateMailingRequest request, MaileonStore store, MailingService mailings, MaileonTime time)
    {
        long accountId;
        lock (store.Gate)
        {
            accountId = request.AccountId ?? store.Accounts.Min(a => a.Id);
        }

        var outcome = mailings.Create(accountId, request.Name, request.Subject, request.Type, null);
        return outcome.Failed ? Problem(outcome.Status, outcome.Error!) : Answer(outcome, store, time, StatusCodes.Status201Created);
    }

    private static IResult ListTracking(long? accountId, long? mailingId, string? kind, MaileonStore store, MaileonTime time)
    {
        lock (store.Gate)
        {
            var rows = store.Accounts.Where(a => accountId is null || a.Id == accountId)
                .SelectMany(a => a.Tracking.Select(t => (Account: a, Event: t)))
                .Where(r => (mailingId is null || r.Event.MailingId == mailingId) && (kind is null || r.Event.Kind == kind))
                .OrderBy(r => r.Event.Id)
                .Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = r.Event.Id,
                    ["kind"] = r.Event.Kind,
                    ["mailingId"] = r.Event.MailingId,
                    ["contactId"] = r.Event.ContactId,
                    ["email"] = r.Account.Contacts.GetValueOrDefault(r.Event.ContactId)?.Email,
                    ["messageId"] = r.Event.MessageId,
                    ["timestamp"] = time.Seconds(r.Event.Timestamp),
                    ["personal"] = r.Event.Personal,
                    ["linkUrl"] = r.Event.LinkUrl,
                    ["bounceType"] = r.Event.BounceType,
                    ["statusCode"] = r.Event.StatusCode,
                });
            return MaileonResponses.JsonBody(new JsonArray([.. rows]));
        }
    }

    private static IResult WithOwner(MaileonStore store, long mailingId, Func<long, IResult> action)
    {
        long? owner;
        lock (store.Gate)
        {
            owner = store.Accounts.FirstOrDefault(a => a.Mailings.ContainsKey(mailingId))?.Id;
        }

        return owner is { } accountId ? action(accountId) : Problem(StatusCodes.Status404NotFound, $"Mailing {mailingId} not found.");
    }

    private static IResult Answer(MailingOutcome outcome, MaileonStore store, MaileonTime time, int status = StatusCodes.Status200OK)
    {
        if (outcome.Failed)
        {
            return Problem(outcome.Status, outcome.Error!);
        }

        lock (store.Gate)
        {
            var account = store.Accounts.First(a => a.Mailings.ContainsKey(outcome.MailingId!.Value));
            var body = Describe(account.Mailings[outcome.MailingId!.Value], account, time);
            body["affected"] = outcome.Count;
            return MaileonResponses.JsonBody(body, status);
        }
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
