namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// The options of the existing "Newsletter" field. The seed's documentation shows the incumbent app's field only in a
/// figure, so its labels are an assumption: a request ("Subscribe"), the app's states ("DOI pending", "Subscribed",
/// "Unsubscribed"), the user's unsubscribe action ("Unsubscribe"), plus a list option that is no consent at all.
/// The second company has a German field made by hand, without an "awaiting confirmation" option.
/// </summary>
public static class IncumbentNewsletterField
{
    public const string Name = "Newsletter";
    public const string EnglishVariant = "incumbent-en";
    public const string GermanVariant = "german";

    public static IReadOnlyList<(string Label, NewsletterMark Mark)> English { get; } =
    [
        ("Subscribe", NewsletterMark.Subscribe),
        ("DOI pending", NewsletterMark.AwaitingConfirmation),
        ("Subscribed", NewsletterMark.Subscribed),
        ("Unsubscribe", NewsletterMark.Unsubscribed),
        ("Unsubscribed", NewsletterMark.Unsubscribed),
        ("VIP list", NewsletterMark.Unrecognised),
    ];

    public static IReadOnlyList<(string Label, NewsletterMark Mark)> German { get; } =
    [
        ("Anmelden", NewsletterMark.Subscribe),
        ("Angemeldet", NewsletterMark.Subscribed),
        ("Abgemeldet", NewsletterMark.Unsubscribed),
        ("VIP-Verteiler", NewsletterMark.Unrecognised),
    ];

    /// <summary>The label a person with <paramref name="mark"/> shows (null: empty field).</summary>
    public static string? LabelFor(NewsletterMark mark, bool german, bool verbLabel)
    {
        if (mark == NewsletterMark.Empty)
        {
            return null;
        }

        if (!german && mark == NewsletterMark.Unsubscribed)
        {
            return verbLabel ? "Unsubscribe" : "Unsubscribed";
        }

        return (german ? German : English).First(o => o.Mark == mark).Label;
    }
}
