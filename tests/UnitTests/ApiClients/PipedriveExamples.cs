using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Response examples copied from Pipedrive's OpenAPI specs and the reference notes.</summary>
internal static class PipedriveExamples
{
    /// <summary>A company's connection on its own api_domain, with a token naming the company.</summary>
    public static PipedriveConnection Company(long id) =>
        new(id, new Uri($"https://company-{id}.pipedrive.com"), $"v1u:token-of-company-{id}");

    public const string CurrentUser = """
        {"success": true, "data": {"id": 1, "name": "Me", "default_currency": "EUR", "locale": "et_EE", "lang": 1,
          "email": "me@pipedrive.com", "phone": "0000-0000", "activated": true, "last_login": "2019-11-21 08:45:56",
          "created": "2018-11-13 09:16:26", "modified": "2019-11-21 08:45:56", "has_created_company": true,
          "access": [{"app": "sales", "admin": true, "permission_set_id": "62cc4d7f-4038-4352-abf3-a8c1c822b631"},
                     {"app": "global", "admin": true, "permission_set_id": "233b7976-39bd-43a9-b305-ef3a2b0998e5"},
                     {"app": "account_settings", "admin": true, "permission_set_id": "982c5ce5-b8ba-4b47-b102-9da024f4b990"}],
          "active_flag": true, "timezone_name": "Europe/Berlin", "timezone_offset": "+03:00", "role_id": 1,
          "icon_url": "https://upload.wikimedia.org/wikipedia/en/thumb/e/e0/WPVG_icon_2016.svg/1024px-WPVG_icon_2016.svg.png",
          "is_you": true, "is_deleted": false, "company_id": 54235233, "company_name": "Pipedrive",
          "company_domain": "pipedrive-12g53f", "company_country": "EE", "company_industry": "IT Services",
          "language": {"language_code": "en", "country_code": "US"}}}
        """;

    public const string User = """
        {"success": true, "data": {"id": 2, "name": "Jane Doe", "default_currency": "EUR", "locale": "et_EE", "lang": 1,
          "email": "jane@pipedrive.com", "phone": "0000-0002", "activated": true, "last_login": "2019-09-11 11:43:54",
          "created": "2019-01-22 10:43:47", "modified": "2019-11-21 09:49:50", "has_created_company": false,
          "access": [{"app": "sales", "admin": false, "permission_set_id": "f07d229d-088a-4144-a40f-1fe64295d180"},
                     {"app": "global", "admin": true, "permission_set_id": "233b7976-39bd-43a9-b305-ef3a2b0998e5"}],
          "active_flag": true, "timezone_name": "Europe/Berlin", "timezone_offset": "+03:00", "role_id": 1,
          "icon_url": null, "is_you": false, "is_deleted": false}}
        """;

    public const string UserNotFound = """{"success": false, "error": "User not found or not accessible."}""";

    public const string PersonFieldsPage1 = """
        {"success": true, "data": [
          {"id": 1, "key": "title", "name": "Title", "order_nr": 2, "field_type": "varchar", "add_time": "2019-02-04 13:58:03",
           "update_time": "2019-02-04 13:58:03", "last_updated_by_user_id": 1, "created_by_user_id": 1, "active_flag": true,
           "edit_flag": false, "index_visible_flag": true, "details_visible_flag": true, "add_visible_flag": true,
           "important_flag": false, "bulk_edit_allowed": true, "searchable_flag": false, "filtering_allowed": true,
           "sortable_flag": true, "options": null, "mandatory_flag": true},
          {"id": 2, "key": "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e", "name": "Customer Type", "order_nr": 1,
           "field_type": "enum", "add_time": "2019-02-04 13:58:03", "update_time": "2019-02-04 13:58:03",
           "last_updated_by_user_id": 1, "created_by_user_id": 1, "active_flag": true, "edit_flag": true,
           "index_visible_flag": true, "details_visible_flag": true, "add_visible_flag": false, "important_flag": false,
           "bulk_edit_allowed": true, "searchable_flag": false, "filtering_allowed": true, "sortable_flag": true,
           "options": [{"id": 190, "label": "Private person"}, {"id": 191, "label": "Company"}, {"id": 192, "label": "Government"}],
           "mandatory_flag": true}],
         "additional_data": {"pagination": {"start": 0, "limit": 100, "more_items_in_collection": true, "next_start": 100}}}
        """;

    public const string PersonFieldsPage2 = """
        {"success": true, "data": [
          {"id": 3, "key": "d4fb3e1a7c1f0f5e1e8b2c5a9d3e6f7a8b9c0d1e", "name": "Newsletter", "field_type": "enum",
           "edit_flag": true, "active_flag": true,
           "options": [{"id": 201, "label": "Subscribe"}, {"id": 202, "label": "Awaiting confirmation"},
                       {"id": 203, "label": "Subscribed"}, {"id": 204, "label": "Unsubscribed"}]}],
         "additional_data": {"pagination": {"start": 100, "limit": 100, "more_items_in_collection": false}}}
        """;

    public const string CreatedPersonField = """
        { "success": true,
          "data": { "id": 2, "key": "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e", "name": "Maileon newsletter",
                    "order_nr": 1, "field_type": "enum", "add_time": "2019-02-04 13:58:03", "update_time": "2019-02-04 13:58:03",
                    "last_updated_by_user_id": 1, "created_by_user_id": 1, "active_flag": true, "edit_flag": true,
                    "index_visible_flag": true, "details_visible_flag": true, "add_visible_flag": false, "important_flag": false,
                    "bulk_edit_allowed": true, "searchable_flag": false, "filtering_allowed": true, "sortable_flag": true,
                    "options": [ {"id":190,"label":"Subscribed"}, {"id":191,"label":"Pending DOI"}, {"id":192,"label":"Unsubscribed"} ],
                    "mandatory_flag": true } }
        """;

    public const string Person = """
        { "success": true,
          "data": { "id": 1, "name": "Person Name", "first_name": "Person", "last_name": "Name",
                    "owner_id": 1, "org_id": 1,
                    "add_time": "2021-01-01T00:00:00Z", "update_time": "2021-01-01T00:00:00Z",
                    "emails": [ {"value":"email1@email.com","primary":true,"label":"work"},
                                {"value":"email2@email.com","primary":false,"label":"home"} ],
                    "phones": [ {"value":"12345","primary":true,"label":"work"} ],
                    "is_deleted": false, "visible_to": 7, "label_ids": [1,2,3], "picture_id": 1,
                    "custom_fields": { "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e": 190 } } }
        """;

    public const string EntityNotFound = """
        {"success":false,"error":"Entity was not found","error_info":"Object was not found.","data":null,"additional_data":null}
        """;

    public const string PersonsPage = """
        {"success": true, "data": [{"id": 1, "name": "Person Name", "first_name": "Person", "last_name": "Name", "owner_id": 1,
          "org_id": 1, "add_time": "2021-01-01T00:00:00Z", "update_time": "2021-01-01T00:00:00Z",
          "emails": [{"value": "email1@email.com", "primary": true, "label": "work"}, {"value": "email2@email.com", "primary": false, "label": "home"}],
          "phones": [{"value": "12345", "primary": true, "label": "work"}, {"value": "54321", "primary": false, "label": "home"}],
          "is_deleted": false, "visible_to": 7, "label_ids": [1, 2, 3], "picture_id": 1, "custom_fields": {},
          "notes": "Notes from contact sync", "birthday": "2000-12-31", "job_title": "Manager"}],
         "additional_data": {"next_cursor": "eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Nywic29ydERpcmVjdGlvbiI6ImFzYyIsImlkIjo3fQ"}}
        """;

    public const string PersonSearch = """
        {"success": true, "data": {"items": [{"result_score": 0.5092, "item": {"id": 1, "type": "person", "name": "Jane Doe",
          "phones": ["+372 555555555"], "emails": ["jane@pipedrive.com"], "visible_to": 3, "owner": {"id": 1},
          "organization": {"id": 1, "name": "Organization name", "address": null}, "custom_fields": [], "notes": []}}]},
         "additional_data": {"next_cursor": "eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Nywic29ydERpcmVjdGlvbiI6ImFzYyIsImlkIjo3fQ"}}
        """;

    public const string Organization = """
        {"success": true, "data": {"id": 1, "name": "Organization Name", "owner_id": 1, "org_id": 1,
          "add_time": "2021-01-01T00:00:00Z", "update_time": "2021-01-01T00:00:00Z",
          "address": {"value": "123 Main St", "country": "USA", "admin_area_level_1": "CA", "admin_area_level_2": "Santa Clara",
                      "locality": "Sunnyvale", "sublocality": "Downtown", "route": "Main St", "street_number": "123",
                      "subpremise": "123A", "postal_code": "94085"},
          "is_deleted": false, "visible_to": 7, "label_ids": [1, 2, 3], "website": "https://www.company.com",
          "linkedin": "https://linkedin.com/company", "industry": 2, "annual_revenue": 0, "employee_count": 10, "custom_fields": {}}}
        """;

    public const string Deal = """
        { "success": true,
          "data": { "id": 1, "title": "Deal Title", "creator_user_id": 1, "owner_id": 1, "value": 200,
                    "person_id": 1, "org_id": 1, "stage_id": 1, "pipeline_id": 1, "currency": "USD",
                    "archive_time": null, "add_time": "2021-01-01T00:00:00Z", "update_time": "2021-01-01T00:00:00Z",
                    "stage_change_time": "2021-01-01T00:00:00Z", "status": "open", "is_archived": false, "is_deleted": false,
                    "probability": 90, "lost_reason": null, "visible_to": 7, "close_time": null, "won_time": null, "lost_time": null,
                    "local_won_date": null, "local_lost_date": null, "local_close_date": null, "expected_close_date": "2021-01-01",
                    "label_ids": [1,2,3], "origin": "ManuallyCreated", "origin_id": null, "channel": 52, "channel_id": "Jun23 Billboards",
                    "acv": 120, "arr": 120, "mrr": 10, "custom_fields": {},
                    "smart_bcc_email": "company+deal1@pipedrivemail.com" } }
        """;

    public const string Webhooks = """
        {"status": "ok", "success": true, "data": [{"id": 1, "company_id": 1, "owner_id": 1, "user_id": 1, "event_action": "added",
          "event_object": "activityType", "subscription_url": "http://example.org", "version": "2.0", "is_active": 1,
          "add_time": "2019-10-25T08:25:27.000Z", "remove_time": null, "type": "general", "http_auth_user": null,
          "http_auth_password": null, "remove_reason": null, "last_delivery_time": null, "last_http_status": null,
          "admin_id": 1, "name": "Example webhook"}]}
        """;

    public const string CreatedWebhook = """
        {
          "status": "ok", "success": true,
          "data": {
            "id": 1, "company_id": 1, "owner_id": 1, "user_id": 1,
            "event_action": "change", "event_object": "person",
            "subscription_url": "https://app.example.com/pipedrive/webhooks/8087566",
            "version": "2.0", "is_active": 1,
            "add_time": "2019-10-25T08:25:27.000Z", "remove_time": null,
            "type": "application",
            "http_auth_user": null, "http_auth_password": null,
            "remove_reason": null, "last_delivery_time": null, "last_http_status": null,
            "admin_id": 1, "name": "maileon-person-sync"
          }
        }
        """;

    public const string Unauthorized = """{ "success": false, "error": "unauthorized access", "errorCode": 401 }""";

    public const string RequestOverLimit = """
        {"success":false,"error":"Request over limit","error_info":"Please check developers.pipedrive.com for more information about Pipedrive API.","data":null,"additional_data":null}
        """;
}
