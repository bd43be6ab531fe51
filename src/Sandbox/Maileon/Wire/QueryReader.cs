using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PipedriveMaileon.Sandbox.Maileon.Wire;

/// <summary>Reads Maileon query parameters strictly: a value that is present but malformed is an error, not a default.</summary>
public sealed class QueryReader(HttpRequest request)
{
    public string? Error { get; private set; }

    [MemberNotNullWhen(true, nameof(Error))]
    public bool Failed => Error is not null;

    public string? String(string name)
    {
        var values = request.Query[name];
        return values.Count == 0 ? null : values[^1];
    }

    public IReadOnlyList<string> All(string name) =>
        request.Query[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

    public bool Bool(string name, bool fallback)
    {
        var text = String(name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Fail($"Parameter {name} must be true or false but was '{text}'.");
        return fallback;
    }

    public long? Long(string name)
    {
        var text = String(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Fail($"Parameter {name} must be a number but was '{text}'.");
        return null;
    }

    public int? IntInRange(string name, int min, int max, string? rangeMessage = null)
    {
        var value = Long(name);
        if (value is null)
        {
            return null;
        }

        if (value < min || value > max)
        {
            Fail(rangeMessage is null
                ? $"Parameter {name} must be between {min} and {max} but was {value}."
                : string.Format(CultureInfo.InvariantCulture, rangeMessage, value));
            return null;
        }

        return (int)value.Value;
    }

    /// <summary>Maileon paging: <c>page_index</c> ≥ 1 (default 1), <c>page_size</c> 1..1000.</summary>
    public (int Index, int Size) Page(int defaultSize)
    {
        var index = Long("page_index") ?? 1;
        if (index < 1 && !Failed)
        {
            Fail($"page_index must be greater or equal to 1 but was {index}");
        }

        var size = Long("page_size") ?? defaultSize;
        if (!Failed && size > 1000)
        {
            Fail($"page_size must not exceed 1000 but was {size}");
        }
        else if (!Failed && size < 1)
        {
            Fail($"page_size must be at least 1 but was {size}");
        }

        return ((int)Math.Clamp(index, 1, int.MaxValue), (int)Math.Clamp(size, 1, 1000));
    }

    public void Fail(string message) => Error ??= message;
}
