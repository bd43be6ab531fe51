using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>
/// A fresh newsletter account (own API key) per test, created through the control API, so tests sharing a host do
/// not see each other's contacts, fields, types or webhooks.
/// </summary>
public sealed class MaileonAccountFixture
{
    public const string XmlType = "application/vnd.maileon.api+xml";
    public const string JsonType = "application/vnd.maileon.api+json";

    private MaileonAccountFixture(MaileonSandboxFactory factory, long accountId, string apiKey)
    {
        Factory = factory;
        AccountId = accountId;
        ApiKey = apiKey;
        Api = factory.CreateClient();
        Api.DefaultRequestHeaders.Authorization = Basic(apiKey);
        Control = factory.CreateClient();
    }

    public MaileonSandboxFactory Factory { get; }
    public long AccountId { get; }
    public string ApiKey { get; }

    /// <summary>Authenticated with this account's key (<c>Basic base64(key)</c>).</summary>
    public HttpClient Api { get; }

    public HttpClient Control { get; }

    public static async Task<MaileonAccountFixture> CreateAsync(MaileonSandboxFactory factory, params string[] doiMailingKeys)
    {
        var control = factory.CreateClient();
        var response = await control.PostAsJsonAsync("/_sandbox/maileon/accounts", new
        {
            name = "test account",
            doiMailingKeys = doiMailingKeys.Length == 0 ? ["doi-default", "doi-plus"] : doiMailingKeys,
        });
        response.EnsureSuccessStatusCode();
        var account = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new MaileonAccountFixture(factory, account["id"]!.GetValue<long>(), account["keys"]![0]!["key"]!.GetValue<string>());
    }

    public static AuthenticationHeaderValue Basic(string raw) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)));

    public static StringContent Xml(string xml) => new(xml, Encoding.UTF8, XmlType);

    public static StringContent JsonBody(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static string Path(string email) => Uri.EscapeDataString(email);

    public async Task CreateCustomFieldAsync(string name, string type)
    {
        var response = await Api.PostAsync($"/1.0/contacts/fields/custom/{name}?type={type}", null);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<long> CreateContactAsync(string email, string query = "permission=1&sync_mode=1", string body = "<contact></contact>")
    {
        var response = await Api.PostAsync($"/1.0/contacts/email/{Path(email)}?{query}", Xml(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return long.Parse(System.Xml.Linq.XElement.Parse(text).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<JsonArray> ControlListAsync(string path)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return (await Control.GetFromJsonAsync<JsonArray>($"/_sandbox/maileon/{path}{separator}accountId={AccountId}"))!;
    }

    public async Task<JsonObject> ControlPostAsync(string path, object body, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK)
    {
        var response = await Control.PostAsJsonAsync($"/_sandbox/maileon/{path}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Registers a webhook through the real API and returns its id.</summary>
    public async Task<long> RegisterWebhookAsync(string url, string eventName, string? token = "secret-token")
    {
        var body = new JsonObject
        {
            ["url"] = url,
            ["event"] = eventName,
            ["urlParams"] = new JsonArray(
                new JsonObject { ["custom_contact_field"] = null, ["standard_contact_field"] = "email", ["custom_value"] = null, ["name"] = "email" },
                new JsonObject { ["custom_contact_field"] = null, ["standard_contact_field"] = "external_id", ["custom_value"] = null, ["name"] = "eid" },
                new JsonObject { ["custom_contact_field"] = null, ["standard_contact_field"] = null, ["custom_value"] = token, ["name"] = "token" }),
            ["customFields"] = new JsonArray(),
            ["standardFields"] = new JsonArray("email", "external_id"),
            ["eventFields"] = new JsonArray("timestamp", "msg_id", "source"),
        };
        var response = await Api.PostAsync("/1.0/webhooks", JsonBody(body.ToJsonString()));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return long.Parse(System.Xml.Linq.XElement.Parse(text).Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
