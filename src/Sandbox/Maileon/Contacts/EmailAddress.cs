using System.Text.RegularExpressions;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>The syntax check Maileon applies before it accepts an address (local part with <c>+</c> allowed).</summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsValid(string? email) =>
        email is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(email);

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
