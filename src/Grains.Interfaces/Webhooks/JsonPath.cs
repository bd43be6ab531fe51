using System.Globalization;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Where a value sits in a webhook body (<c>data.emails[0].value</c>), for error messages only. The text is joined
/// when a message is written, not when a property is read: a good body builds none of it. Up to a name, an index and
/// a leaf are kept beside the parent text, in that order; a step that does not fit joins the path so far first.
/// </summary>
internal readonly struct JsonPath
{
    private readonly string parent;
    private readonly string? name;
    private readonly int index;
    private readonly string? leaf;

    private JsonPath(string parent, string? name, int index, string? leaf)
    {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.leaf = leaf;
    }

    public static implicit operator JsonPath(string path) => new(path, null, -1, null);

    /// <summary>The path of the property <paramref name="property"/> of the value here.</summary>
    public JsonPath Property(string property) =>
        leaf is not null ? new(ToString(), property, -1, null)
        : name is null && index < 0 ? new(parent, property, -1, null)
        : new(parent, name, index, property);

    /// <summary>The path of the array item <paramref name="item"/> of the value here.</summary>
    public JsonPath Item(int item) =>
        leaf is not null || index >= 0 ? new(ToString(), null, item, null) : new(parent, name, item, null);

    public override string ToString()
    {
        var text = name is null ? parent : string.Concat(parent, ".", name);
        if (index >= 0)
        {
            text = string.Concat(text, "[", index.ToString(CultureInfo.InvariantCulture), "]");
        }

        return leaf is null ? text : string.Concat(text, ".", leaf);
    }
}
