using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>
/// Validates response bodies against the response schemas of Pipedrive's own OpenAPI 3.0 files
/// (<c>Pipedrive/Specs/v1.yaml</c>, <c>v2.yaml</c>, copied next to the test assembly). The schemas are turned into JSON Schema:
/// <c>$ref</c>s are inlined, <c>oneOf</c> becomes <c>anyOf</c>, and every typed value may also be null, because
/// Pipedrive's specs rarely mark <c>nullable</c> while real responses carry nulls (e.g. <c>org_id</c>, <c>won_time</c>).
/// </summary>
public sealed class OpenApiSpec
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Pipedrive", "Specs");

    private static readonly Lazy<OpenApiSpec> LazyV1 = new(() => new OpenApiSpec(Path.Combine(Directory, "v1.yaml")));
    private static readonly Lazy<OpenApiSpec> LazyV2 = new(() => new OpenApiSpec(Path.Combine(Directory, "v2.yaml")));
    private static int schemaCounter;

    private readonly JsonObject root;
    private readonly Dictionary<string, JsonSchema> cache = new(StringComparer.Ordinal);

    private OpenApiSpec(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            yaml.Load(reader);
        }

        root = (JsonObject)Convert(yaml.Documents[0].RootNode)!;
    }

    public static OpenApiSpec V1 => LazyV1.Value;

    public static OpenApiSpec V2 => LazyV2.Value;

    /// <summary>
    /// The exact <c>Content-Type</c> of every Pipedrive API answer: the specs' only response media type
    /// (<c>application/json</c>) with the UTF-8 charset parameter Pipedrive's JSON answers carry.
    /// </summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Asserts the status, the exact <c>Content-Type</c> header and the body against the response schema.</summary>
    public void AssertValid(string method, string path, int status, (int Status, string Body, HttpResponseMessage Response) answer)
    {
        Assert.True(answer.Status == status, $"{method} {path}: {answer.Status} instead of {status}: {answer.Body}");
        Assert.Equal(["application/json"], MediaTypes(method, path, status));
        AssertJsonContentType(answer.Response);
        AssertValid(method, path, status, answer.Body);
    }

    /// <summary>The header as sent (not as .NET re-formats a parsed value) is exactly <see cref="JsonContentType"/>.</summary>
    public static void AssertJsonContentType(HttpResponseMessage response) =>
        Assert.Equal(JsonContentType, response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? string.Join(", ", values) : null);

    /// <summary>Asserts that <paramref name="body"/> matches the response schema of the operation and status.</summary>
    public void AssertValid(string method, string path, int status, string body)
    {
        var schema = SchemaFor(method, path, status);
        using var document = JsonDocument.Parse(body);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
            Assert.Fail($"{method} {path} {status} does not match the spec:\n{string.Join("\n", errors)}\nbody: {body[..Math.Min(body.Length, 1500)]}");
        }
    }

    private IEnumerable<string> MediaTypes(string method, string path, int status) =>
        (Resolve(root["paths"]![path]![method.ToLowerInvariant()]!["responses"]![status.ToString(CultureInfo.InvariantCulture)])?["content"]?.AsObject()
            .Select(c => c.Key) ?? []).ToArray();

    /// <summary>Every operation of the spec as (method, path template), e.g. ("GET", "/persons/{id}").</summary>
    public IEnumerable<(string Method, string Path)> Operations() =>
        root["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(op => (op.Key.ToUpperInvariant(), path.Key)));

    public int TokenCost(string method, string path) =>
        (int)(root["paths"]![path]![method.ToLowerInvariant()]!["x-token-cost"]?.GetValue<long>() ?? throw new InvalidOperationException("no x-token-cost"));

    private JsonSchema SchemaFor(string method, string path, int status)
    {
        var key = $"{method} {path} {status}";
        lock (cache)
        {
            if (cache.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var operation = root["paths"]?[path]?[method.ToLowerInvariant()] ?? throw new InvalidOperationException($"No operation {key} in the spec.");
            var response = Resolve(operation["responses"]![status.ToString(CultureInfo.InvariantCulture)]
                ?? throw new InvalidOperationException($"The spec documents no {status} for {method} {path}."));
            var schema = ToJsonSchema(response!["content"]!["application/json"]!["schema"], 0)!.AsObject();
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            var built = JsonSchema.FromText(schema.ToJsonString(), baseUri: new Uri($"https://spec.test/pipedrive/{Interlocked.Increment(ref schemaCounter)}"));
            cache[key] = built;
            return built;
        }
    }

    private JsonNode? Resolve(JsonNode? node)
    {
        var depth = 0;
        while (node is JsonObject obj && obj["$ref"] is JsonValue reference && depth++ < 20)
        {
            var pointer = reference.GetValue<string>().TrimStart('#', '/').Split('/');
            node = pointer.Aggregate((JsonNode?)root, (current, segment) => current?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
        }

        return node;
    }

    private JsonNode? ToJsonSchema(JsonNode? node, int depth)
    {
        if (depth > 60)
        {
            return new JsonObject();
        }

        node = Resolve(node);
        if (node is not JsonObject schema)
        {
            return node?.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in schema)
        {
            switch (key)
            {
                case "nullable" or "example" or "examples" or "discriminator" or "xml" or "externalDocs" or "deprecated" or "readOnly" or "writeOnly"
                    or "format" or "title" or "description" or "exclusiveMinimum" or "exclusiveMaximum":
                    break;
                case var _ when key.StartsWith("x-", StringComparison.Ordinal):
                    break;
                case "type":
                    result["type"] = new JsonArray(value!.GetValue<string>(), "null");
                    break;
                case "enum":
                    var values = new JsonArray([.. value!.AsArray().Select(v => v?.DeepClone())]);
                    values.Add(null);
                    result["enum"] = values;
                    break;
                case "properties":
                    result["properties"] = new JsonObject([.. value!.AsObject().Select(p => KeyValuePair.Create(p.Key, ToJsonSchema(p.Value, depth + 1)))]);
                    break;
                case "items" or "not":
                    result[key] = ToJsonSchema(value, depth + 1);
                    break;
                case "additionalProperties":
                    result[key] = value is JsonObject ? ToJsonSchema(value, depth + 1) : value?.DeepClone();
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    result[key == "oneOf" ? "anyOf" : key] = new JsonArray([.. value!.AsArray().Select(v => ToJsonSchema(v, depth + 1))]);
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        return result;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject([.. mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))]),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            null or "null" or "~" or "" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }
}
