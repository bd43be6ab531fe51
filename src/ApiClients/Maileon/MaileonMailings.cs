using System.Globalization;
using System.Net;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Mailings: the subject an engagement entry names, and the sent ones (PHP <c>MailingsService</c>).</summary>
public sealed class MaileonMailings(MaileonTransport transport)
{
    /// <summary>The fields a mailing list can return (docs: "Get Mailings By States").</summary>
    private static readonly string[] ListFields = ["name", "state", "type", "scheduleTime"];

    /// <summary>
    /// <c>GET /mailings/{id}/contents/subject</c> → <c>&lt;subject&gt;…&lt;/subject&gt;</c>; null when the mailing does not
    /// exist (404, e.g. deleted). Safe to repeat.
    /// </summary>
    public async Task<string?> GetSubjectAsync(MaileonConnection connection, long mailingId, CancellationToken cancellationToken = default)
    {
        var reply = await transport.SendAsync(
            connection, "GetMailingSubject", HttpMethod.Get, $"mailings/{mailingId.ToString(CultureInfo.InvariantCulture)}/contents/subject",
            null, null, MaileonTransport.XmlMediaType, true, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        MaileonTransport.EnsureSuccess("GetMailingSubject", reply, connection);
        var root = MaileonTransport.ParseXml("GetMailingSubject", reply);
        return root.Name.LocalName == "subject" ? root.Value : throw MaileonTransport.Unexpected("GetMailingSubject", "the answer is not a <subject>");
    }

    /// <summary>
    /// <c>GET /mailings/filter/states?states*&amp;fields=name&amp;fields=state&amp;fields=type&amp;fields=scheduleTime&amp;page_index&amp;page_size&amp;order=DESC</c>:
    /// one page of the account's mailings in the given states, newest first (docs: "Get Mailings By States").
    /// </summary>
    public async Task<IReadOnlyList<MaileonMailing>> ListByStatesAsync(
        MaileonConnection connection,
        IReadOnlyList<string> states,
        int pageIndex = 1,
        int pageSize = 100,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(states);
        var query = MaileonTransport.Page(pageIndex, pageSize).AddEach("states", states).AddEach("fields", ListFields).Add("order", "DESC");
        var reply = await transport.SendAsync(
            connection, "ListMailings", HttpMethod.Get, "mailings/filter/states" + query, null, null, MaileonTransport.XmlMediaType, true, cancellationToken);
        MaileonTransport.EnsureSuccess("ListMailings", reply, connection);
        if (string.IsNullOrWhiteSpace(reply.Body))
        {
            return [];
        }

        return MaileonTransport.ParseXml("ListMailings", reply).Elements("mailing")
            .Select(mailing => (Id: MaileonXml.Int64(mailing, "id"), Fields: MaileonXml.Fields(mailing.Element("fields"))))
            .Where(m => m.Id is not null)
            .Select(m => new MaileonMailing(m.Id!.Value, m.Fields.GetValueOrDefault("name"), m.Fields.GetValueOrDefault("state"),
                m.Fields.GetValueOrDefault("type"), m.Fields.GetValueOrDefault("scheduleTime")))
            .ToArray();
    }
}
