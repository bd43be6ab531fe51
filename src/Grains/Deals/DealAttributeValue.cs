namespace PipedriveMaileon.Grains.Deals;

/// <summary>One attribute of a deal event as Pipedrive gave it, exact (a decimal amount stays decimal here).</summary>
public sealed record DealAttributeValue(string Name, DealAttributeKind Kind, decimal? Number = null, string? Text = null, DateOnly? Date = null, DateTimeOffset? Time = null, bool? Flag = null)
{
    public static DealAttributeValue Of(string name, decimal number) => new(name, DealAttributeKind.Number, Number: number);

    public static DealAttributeValue Of(string name, string text) => new(name, DealAttributeKind.Text, Text: text);

    public static DealAttributeValue Of(string name, DateOnly date) => new(name, DealAttributeKind.Date, Date: date);

    public static DealAttributeValue Of(string name, DateTimeOffset time) => new(name, DealAttributeKind.Timestamp, Time: time);

    public static DealAttributeValue Of(string name, bool flag) => new(name, DealAttributeKind.Boolean, Flag: flag);
}
