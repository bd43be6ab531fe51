using System.Text;

namespace PipedriveMaileon.ApiClients.Wire;

/// <summary>Builds <c>?a=1&amp;b=2</c> with every name and value percent-encoded; repeated names are allowed.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder builder = new();

    public QueryString Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        builder.Append(builder.Length == 0 ? '?' : '&')
            .Append(UrlEncoding.Encode(name))
            .Append('=')
            .Append(UrlEncoding.Encode(value));
        return this;
    }

    public QueryString Add(string name, long? value) =>
        Add(name, value?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryString Add(string name, bool? value) => Add(name, value switch
    {
        true => "true",
        false => "false",
        null => null,
    });

    public QueryString AddEach(string name, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(name, value);
        }

        return this;
    }

    public override string ToString() => builder.ToString();
}
