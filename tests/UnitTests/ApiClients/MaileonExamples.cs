namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Response examples copied from the Maileon reference notes (docs and XQueue clients).</summary>
internal static class MaileonExamples
{
    public const string XmlType = "application/vnd.maileon.api+xml";

    public const string AccountInfo = """
        {"mailing_domain":"test.maileon.de","id":12345,"customer_account_id":234,"created":"2020-07-06T09:41:00+0200",
         "customer_account_name":"Test Customer","name":"Test NL Account","login_domain":"test-maileon.maileon.com",
         "locale":"de_DE","type":"production"}
        """;

    public const string Contact = """
        <?xml version="1.0" encoding="UTF-8"?>
        <contact>
          <id>15975220</id>
          <email>max.mustermann@xqueue.com</email>
          <external_id nil="true"></external_id>
          <created>2015-08-04 13:12:46.0</created>
          <updated>2018-07-12 10:00:00.0</updated>
          <permission>4</permission>
          <standard_fields>
            <field><name>FIRSTNAME</name><value>Max</value></field>
            <field><name>LASTNAME</name><value nil="true"/></field>
          </standard_fields>
          <custom_fields></custom_fields>
        </contact>
        """;

    public const string CustomFields = """
        <custom_fields>
          <custom_field><name>pipedrive_person_id</name><type>integer</type></custom_field>
          <custom_field><name>Magento_NL</name><type>boolean</type></custom_field>
        </custom_fields>
        """;

    public const string TransactionType = """
        <transaction_type>
          <id>68</id><name>pipedrive_deal</name><description/>
          <created>1650000000000</created>
          <archivingDuration>365</archivingDuration><storeOnly>false</storeOnly>
          <attributes>
            <attribute><id>501</id><name>deal.id</name><description/><type>integer</type><required>true</required></attribute>
          </attributes>
        </transaction_type>
        """;

    public const string TransactionReports = """
        { "reports": [
            { "contact": { "id": 15975220, "email": "max@example.com", "external_id": "pd-123-456" },
              "queued": true,
              "transaction_id": "pd-123-deal-42-updated",
              "message": null },
            { "contact": { "email": "unknown@example.com" }, "queued": false,
              "message": "contact not found" } ] }
        """;

    public const string Webhooks = """
        [{"id":1735,"newsletterAccountId":7997,"url":"https://app.example.com/maileon/webhooks/unsubscription?tenant=abc&token=SECRET",
          "event":"unsubscription",
          "urlParams":[
            { "custom_contact_field": null, "standard_contact_field": "email",       "custom_value": null, "name": "email" },
            { "custom_contact_field": null, "standard_contact_field": "external_id", "custom_value": null, "name": "eid" } ],
          "customFields":[],"standardFields":["email","external_id"],"eventFields":["msg_id","method"]}]
        """;

    public const string Error = """
        <?xml version="1.0" encoding="UTF-8"?>
        <error><message>page_size must not exceed 1000 but was 200000</message></error>
        """;
}
