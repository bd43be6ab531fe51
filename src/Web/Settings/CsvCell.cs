namespace PipedriveMaileon.Web.Settings;

/// <summary>
/// One cell of an exported CSV file: RFC 4180 quoting, and a leading apostrophe for a value a spreadsheet would run
/// as a formula (one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return; the last two
/// because spreadsheets drop them and read what follows).
/// </summary>
public static class CsvCell
{
    public static string Format(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
