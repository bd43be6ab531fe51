using System.Text;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Option labels of an existing "Newsletter" field the app understands, in English and German, compared without
/// regard to case, spacing, punctuation and umlaut spelling ("Opt-in" = "opt in", "Bestätigt" = "bestaetigt").
/// Among several labels for one meaning, a label naming a state ("Unsubscribed") is preferred for writing over one
/// naming an action ("Unsubscribe"). The incumbent app's labels ("Subscribe", "DOI pending", "Subscribed",
/// "Unsubscribe", "Unsubscribed", as the lived-in sandbox fixture assumes; the seed's documentation shows them only in
/// a figure) are among them.
/// </summary>
public static class NewsletterLabelCatalogue
{
    public static readonly IReadOnlyDictionary<NewsletterOption, string> English = new Dictionary<NewsletterOption, string>
    {
        [NewsletterOption.Subscribe] = "Subscribe",
        [NewsletterOption.AwaitingConfirmation] = "Awaiting confirmation",
        [NewsletterOption.Subscribed] = "Subscribed",
        [NewsletterOption.Unsubscribed] = "Unsubscribed",
    };

    public static readonly IReadOnlyDictionary<NewsletterOption, string> German = new Dictionary<NewsletterOption, string>
    {
        [NewsletterOption.Subscribe] = "Anmelden",
        [NewsletterOption.AwaitingConfirmation] = "Bestätigung ausstehend",
        [NewsletterOption.Subscribed] = "Angemeldet",
        [NewsletterOption.Unsubscribed] = "Abgemeldet",
    };

    private static readonly Dictionary<string, RecognisedLabel> Known = Build();

    /// <summary>What a label means to the app, or null when it does not recognise it.</summary>
    public static RecognisedLabel? Recognise(string? label) =>
        label is null ? null : Known.GetValueOrDefault(Fold(label));

    /// <summary>Lower case, umlauts spelt out, everything but letters and digits a single space.</summary>
    public static string Fold(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var folded = new StringBuilder(label.Length);
        foreach (var c in label.ToLowerInvariant())
        {
            var piece = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'ß' => "ss",
                _ when char.IsLetterOrDigit(c) => c.ToString(),
                _ => " ",
            };
            if (piece != " " || (folded.Length > 0 && folded[^1] != ' '))
            {
                folded.Append(piece);
            }
        }

        return folded.ToString().TrimEnd();
    }

    private static Dictionary<string, RecognisedLabel> Build()
    {
        var known = new Dictionary<string, RecognisedLabel>(StringComparer.Ordinal);
        void Add(NewsletterOption meaning, bool state, bool german, params string[] labels)
        {
            foreach (var label in labels)
            {
                known[Fold(label)] = new RecognisedLabel(meaning, state, german);
            }
        }

        Add(NewsletterOption.Subscribe, true, false, "subscribe", "subscribe to newsletter", "subscription requested", "opt-in", "optin", "yes");
        Add(NewsletterOption.Subscribe, true, true, "anmelden", "anmeldung", "abonnieren", "newsletter abonnieren", "ja");
        Add(NewsletterOption.AwaitingConfirmation, true, false, "awaiting confirmation", "pending", "doi pending", "pending doi", "doi sent",
            "confirmation pending", "pending confirmation", "waiting for confirmation", "unconfirmed");
        Add(NewsletterOption.AwaitingConfirmation, true, true, "bestätigung ausstehend", "ausstehend", "doi ausstehend", "doi gesendet",
            "doi versendet", "wartet auf bestätigung", "unbestätigt");
        Add(NewsletterOption.Subscribed, true, false, "subscribed", "confirmed", "doi confirmed", "active");
        Add(NewsletterOption.Subscribed, true, true, "angemeldet", "abonniert", "bestätigt", "doi bestätigt", "aktiv");
        Add(NewsletterOption.Unsubscribed, true, false, "unsubscribed", "opted out", "opted-out");
        Add(NewsletterOption.Unsubscribed, false, false, "unsubscribe", "opt-out", "optout", "no");
        Add(NewsletterOption.Unsubscribed, true, true, "abgemeldet", "ausgetragen", "abbestellt");
        Add(NewsletterOption.Unsubscribed, false, true, "abmelden", "austragen", "nein");
        return known;
    }
}
