using System.Globalization;
using System.Text;
using System.Text.Json;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Settings;

/// <summary>The tenant's whole consent ledger as CSV or JSON, streamed (the company comes from the session).</summary>
public static class LedgerExportEndpoints
{
    private static readonly string[] Columns =
        ["person_id", "sequence", "occurred_at", "recorded_at", "from_status", "to_status", "actor", "source", "email", "detail", "maileon_outcome"];

    public static IEndpointRouteBuilder MapLedgerExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/settings").RequireAuthorization(SessionAuthentication.PolicyName);
        group.MapGet("/ledger.csv", ExportCsv);
        group.MapGet("/ledger.json", ExportJson);
        return app;
    }

    private static async Task ExportCsv(HttpContext context, JournalReader journal)
    {
        var session = SettingsSessionFeature.Of(context).Session;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"consent-ledger-{session.CompanyId}.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(',', Columns));
        await foreach (var row in journal.LedgerAsync(session.CompanyId, null, context.RequestAborted))
        {
            var e = row.Entry;
            string?[] values =
            [
                row.PersonId.ToString(CultureInfo.InvariantCulture), e.Sequence.ToString(CultureInfo.InvariantCulture),
                e.OccurredAt.ToString("O", CultureInfo.InvariantCulture), row.RecordedAt.ToString("O", CultureInfo.InvariantCulture),
                e.FromStatus, e.ToStatus, e.Actor, e.Source, e.Email, e.Detail, e.MaileonOutcome,
            ];
            await writer.WriteLineAsync(string.Join(',', values.Select(CsvCell.Format)));
        }
    }

    private static async Task ExportJson(HttpContext context, JournalReader journal)
    {
        var session = SettingsSessionFeature.Of(context).Session;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"consent-ledger-{session.CompanyId}.json\"";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteNumber("company_id", session.CompanyId);
        json.WriteStartArray("entries");
        await foreach (var row in journal.LedgerAsync(session.CompanyId, null, context.RequestAborted))
        {
            var e = row.Entry;
            json.WriteStartObject();
            json.WriteNumber("person_id", row.PersonId);
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("occurred_at", e.OccurredAt);
            json.WriteString("recorded_at", row.RecordedAt);
            json.WriteString("from_status", e.FromStatus);
            json.WriteString("to_status", e.ToStatus);
            json.WriteString("actor", e.Actor);
            json.WriteString("source", e.Source);
            json.WriteString("email", e.Email);
            json.WriteString("detail", e.Detail);
            json.WriteString("maileon_outcome", e.MaileonOutcome);
            json.WriteEndObject();
            await json.FlushAsync(context.RequestAborted);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
