using System.Text;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Maileon's documented value limits, counted in Unicode code points as Maileon does.</summary>
public static class MaileonLimits
{
    /// <summary>Standard contact fields and string custom fields.</summary>
    public const int ContactFieldLength = 255;

    /// <summary>String attributes of a transaction (contact event).</summary>
    public const int TransactionStringLength = 1000;

    /// <summary>Cuts a value to at most <paramref name="maxCodePoints"/> code points without splitting a surrogate pair.</summary>
    public static string Clip(string value, int maxCodePoints)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCodePoints);
        if (value.Length <= maxCodePoints)
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxCodePoints * 2));
        var count = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (count == maxCodePoints)
            {
                break;
            }

            builder.Append(rune.ToString());
            count++;
        }

        return builder.ToString();
    }
}
