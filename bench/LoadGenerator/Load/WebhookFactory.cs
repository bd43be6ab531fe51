using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// Pipedrive webhook v2 bodies (<c>meta</c>/<c>data</c>/<c>previous</c>) for persons and deals. Event ids come from
/// the seed, so two runs with the same seed send the same events; emails carry a marker the bench finds again in
/// the Maileon emulator's request journal.
/// </summary>
public sealed class WebhookFactory(int seed)
{
    private readonly Random random = new(seed);
    private readonly object gate = new();

    // Bodies are written into one reused buffer per thread; the result is copied out as a string.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;

    /// <summary>The email of a bench person; <see cref="MarkerPattern"/> finds it in a Maileon request.</summary>
    public static string Email(int seed, long companyId, long personId) =>
        $"bx{seed.ToString(CultureInfo.InvariantCulture)}c{companyId.ToString(CultureInfo.InvariantCulture)}p{personId.ToString(CultureInfo.InvariantCulture)}@bench.example";

    public const string MarkerPattern = @"bx(\d+)c(\d+)p(\d+)(?:@|%40)bench\.example";

    public int Seed => seed;

    /// <summary>
    /// A person created or changed so that Newsletter = Subscribe (previous: no value). <paramref name="markedAs"/> is
    /// the number its name and email carry when it differs from its id (a person the Pipedrive emulator numbered).
    /// </summary>
    public string PersonSubscribe(BenchTenant tenant, long personId, bool created, long? markedAs = null)
    {
        var (writer, now) = Envelope(tenant, "person", personId, created ? "create" : "change");
        writer.WritePropertyName("data");
        PersonData(writer, tenant, personId, subscribe: true, markedAs ?? personId, now);
        if (created)
        {
            writer.WriteNull("previous");
        }
        else
        {
            writer.WriteStartObject("previous");
            writer.WriteStartObject("custom_fields");
            writer.WriteNull(tenant.NewsletterKey);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Finish(writer);
    }

    /// <summary>A person change that does not touch Newsletter (a name edit).</summary>
    public string PersonRename(BenchTenant tenant, long personId)
    {
        var (writer, now) = Envelope(tenant, "person", personId, "change");
        writer.WritePropertyName("data");
        PersonData(writer, tenant, personId, subscribe: false, personId, now);
        writer.WriteStartObject("previous");
        writer.WriteString("first_name", "Previous");
        writer.WriteEndObject();
        return Finish(writer);
    }

    public string Deal(BenchTenant tenant, long dealId, long personId, string action)
    {
        var (writer, now) = Envelope(tenant, "deal", dealId, action);
        if (action == "delete")
        {
            writer.WriteNull("data");
            writer.WritePropertyName("previous");
            DealData(writer, tenant, dealId, personId, now);
        }
        else
        {
            writer.WritePropertyName("data");
            DealData(writer, tenant, dealId, personId, now);
            if (action == "change")
            {
                writer.WriteStartObject("previous");
                writer.WriteNumber("value", 999);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("previous");
            }
        }

        return Finish(writer);
    }

    private static void DealData(Utf8JsonWriter writer, BenchTenant tenant, long dealId, long personId, ReadOnlySpan<char> now)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", dealId);
        writer.WriteString("title", string.Create(CultureInfo.InvariantCulture, $"Bench deal {dealId}"));
        writer.WriteNumber("value", 1000 + (dealId % 500));
        writer.WriteString("currency", "EUR");
        writer.WriteNumber("person_id", personId);
        writer.WriteNull("org_id");
        writer.WriteNumber("owner_id", tenant.UserId);
        writer.WriteNumber("creator_user_id", tenant.UserId);
        writer.WriteNumber("stage_id", 1);
        writer.WriteNumber("pipeline_id", 1);
        writer.WriteString("status", "open");
        writer.WriteString("add_time", now);
        writer.WriteString("update_time", now);
        writer.WriteStartObject("custom_fields");
        writer.WriteEndObject();
        writer.WriteString("visible_to", "3");
        writer.WriteEndObject();
    }

    private void PersonData(Utf8JsonWriter writer, BenchTenant tenant, long personId, bool subscribe, long marker, ReadOnlySpan<char> now)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", personId);
        writer.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"Bench Person{marker}"));
        writer.WriteString("first_name", "Bench");
        writer.WriteString("last_name", string.Create(CultureInfo.InvariantCulture, $"Person{marker}"));
        writer.WriteStartArray("emails");
        writer.WriteStartObject();
        writer.WriteString("label", "work");
        writer.WriteString("value", Email(seed, tenant.CompanyId, marker));
        writer.WriteBoolean("primary", true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartArray("phones");
        writer.WriteEndArray();
        writer.WriteNumber("owner_id", tenant.UserId);
        writer.WriteNull("org_id");
        writer.WriteNull("label");
        writer.WriteString("add_time", now);
        writer.WriteString("update_time", now);
        writer.WriteString("visible_to", "3");
        writer.WriteStartObject("custom_fields");
        if (subscribe)
        {
            writer.WriteStartObject(tenant.NewsletterKey);
            writer.WriteString("type", "enum");
            writer.WriteNumber("id", tenant.SubscribeOptionId);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Starts a body on this thread's reused writer with its <c>meta</c> written; the caller writes <c>data</c> and
    /// <c>previous</c> and calls <see cref="Finish"/>. One time (milliseconds, UTC) stands for the whole body.
    /// </summary>
    private (Utf8JsonWriter Writer, string Now) Envelope(BenchTenant tenant, string entity, long entityId, string action)
    {
        var buffer = threadBuffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = threadWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        Span<byte> user = stackalloc byte[20];
        tenant.UserId.TryFormat(user, out var userLength, provider: CultureInfo.InvariantCulture);
        user = user[..userLength];
        writer.WriteStartObject();
        writer.WriteStartObject("meta");
        writer.WriteString("action", action);
        writer.WriteString("entity", entity);
        writer.WriteString("company_id", tenant.CompanyId.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("correlation_id", NextGuid());
        writer.WriteString("entity_id", entityId.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("id", NextGuid());
        writer.WriteBoolean("is_bulk_edit", false);
        writer.WriteString("timestamp", now);
        writer.WriteString("type", "application");
        writer.WriteString("user_id", user);
        writer.WriteString("version", "2.0");
        writer.WriteString("webhook_id", "1");
        writer.WriteString("webhook_owner_id", user);
        writer.WriteString("change_source", "app");
        writer.WriteStartArray("permitted_user_ids");
        writer.WriteStringValue(user);
        writer.WriteEndArray();
        writer.WriteNumber("attempt", 1);
        writer.WriteString("host", "bench.pipedrive.com");
        writer.WriteEndObject();
        return (writer, now);
    }

    private static string Finish(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(threadBuffer!.WrittenSpan);
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (gate)
        {
            random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

}
