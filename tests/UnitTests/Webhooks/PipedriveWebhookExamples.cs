namespace PipedriveMaileon.UnitTests.Webhooks;

/// <summary>Webhook bodies from the reference notes (pipedrive-api.md §3.6 and §3.7), verbatim.</summary>
internal static class PipedriveWebhookExamples
{
    public const long V2CompanyId = 8087566;
    public const long V1CompanyId = 1234567890;

    /// <summary>§3.6, person change.</summary>
    public const string V2PersonChange = """
        {
          "meta": {
            "action": "change",
            "entity": "person",
            "company_id": "8087566",
            "correlation_id": "43cb94f3-bbbd-406c-ae19-ddeec349d896",
            "entity_id": "8",
            "id": "7c812ffd-8f50-45ea-a597-b8fcba2da9c0",
            "is_bulk_edit": false,
            "timestamp": "2022-11-24T15:18:35.616Z",
            "type": "application",
            "user_id": "12415231",
            "version": "2.0",
            "webhook_id": "4710827",
            "webhook_owner_id": "12094821",
            "change_source": "app",
            "permitted_user_ids": ["12415231"],
            "attempt": 1,
            "host": "pd-us.pipedrive.com"
          },
          "data": {
            "add_time": "2022-11-24T13:18:55Z",
            "custom_fields": {},
            "emails": [],
            "first_name": "Sample Person",
            "id": 8,
            "label": null,
            "last_name": null,
            "name": "Sample Person",
            "org_id": 1,
            "owner_id": 12415231,
            "phones": [],
            "update_time": "2022-11-24T15:18:35Z",
            "visible_to": "3"
          },
          "previous": { "first_name": "Sample", "name": "Sample" }
        }
        """;

    /// <summary>§3.6, deal create (with the 2026 capture's archive fields).</summary>
    public const string V2DealCreate = """
        {"data":{"add_time":"2022-11-24T13:18:55Z","channel":null,"channel_id":null,"close_time":null,"creator_user_id":12415231,
          "currency":"EUR","custom_fields":{},"expected_close_date":null,"first_won_time":null,"id":8,"label_ids":[],
          "lost_reason":null,"lost_time":null,"org_id":1,"origin":"ManuallyCreated","origin_id":null,"owner_id":12415231,
          "person_id":8,"pipeline_id":1,"probability":null,"stage_change_time":null,"stage_id":2,"status":"open",
          "title":"Sample Org deal","update_time":null,"value":100,"visible_to":"3","won_time":null,
          "is_archived":false,"archive_time":null},
         "previous":null,
         "meta":{"action":"create","entity":"deal","entity_id":"8","company_id":"8087566","id":"71825ee0-0054-4267-b5fd-d28b7a414212",
          "correlation_id":"4095519f-02cb-44bc-bd2f-551d5383f202","is_bulk_edit":false,"timestamp":"2022-11-24T13:18:56.089Z",
          "type":"general","user_id":"12415231","version":"2.0","webhook_id":"4710827","webhook_owner_id":"12094821",
          "change_source":"app","permitted_user_ids":["12415231"],"attempt":1,"host":"pd-us.pipedrive.com"}}
        """;

    /// <summary>§3.7, v1 person update (the placeholder keys are part of the example).</summary>
    public const string V1PersonUpdate = """
        {
          "v": 1,
          "matches_filters": { "current": [] },
          "meta": {
            "v": 1, "action": "updated", "object": "person", "id": 11, "company_id": 1234567890, "user_id": 1234567890,
            "host": "subdomain.pipedrive.com", "timestamp": 1739827618, "timestamp_micro": 1739827618595189,
            "permitted_user_ids": [1234567890], "trans_pending": false, "is_bulk_update": false,
            "pipedrive_service_name": false, "change_source": "app", "webhook_id": "1234567890",
            "matches_filters": { "current": [] }
          },
          "current":  { "id": 11, "name": "Person Name", "email": [{"value":"x@y.z","primary":true,"label":"work"}], "owner_id": 1234567890, "org_id": null, "…": "full v1 API shape incl. root-level custom field hashes" },
          "previous": { "…": "full previous object (not just the diff)" },
          "retry": 0,
          "event": "updated.person"
        }
        """;

    /// <summary>A v2 envelope around <paramref name="data"/>/<paramref name="previous"/> (JSON text or "null").</summary>
    public static string V2(string entity, string action, string data, string previous = "null", long entityId = 42, string extraMeta = "") => $$"""
        {"meta":{"action":"{{action}}","entity":"{{entity}}","company_id":"8087566","entity_id":"{{entityId}}",
          "id":"0f6b2a4e-1111-4222-8333-944455556666","is_bulk_edit":false,"timestamp":"2026-05-27T10:00:00.123Z",
          "type":"application","user_id":"777","version":"2.0","webhook_id":"4710827","change_source":"api","attempt":1{{extraMeta}}},
         "data":{{data}},
         "previous":{{previous}}}
        """;

    /// <summary>A v1 envelope around <paramref name="current"/>/<paramref name="previous"/> (JSON text or "null").</summary>
    public static string V1(string @object, string action, string current, string previous = "null", long id = 11, int retry = 0) => $$"""
        {"v":1,"matches_filters":{"current":[]},
         "meta":{"v":1,"action":"{{action}}","object":"{{@object}}","id":{{id}},"company_id":1234567890,"user_id":555,
          "host":"subdomain.pipedrive.com","timestamp":1739827618,"timestamp_micro":1739827618595189,"is_bulk_update":true,
          "change_source":"api","webhook_id":"99"},
         "current":{{current}},
         "previous":{{previous}},
         "retry":{{retry}},
         "event":"{{action}}.{{@object}}"}
        """;
}
