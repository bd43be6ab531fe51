using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// Reads a person webhook in consent terms: did a user change the Newsletter field (and to what), did the primary
/// address change. The app's own field writes come back as webhooks made by the installing user through the API with
/// the value the app wrote; those are echoes and request nothing.
/// </summary>
public static class PersonEventTranslator
{
    public static IReadOnlyList<ContactSignal> Translate(
        PersonEvent personEvent, NewsletterFieldConfig newsletter, long appUserId, string? emailBefore, bool emailKnownBefore,
        Func<NewsletterOption?, bool>? wroteByUs = null)
    {
        var meta = personEvent.Meta;
        var current = personEvent.Current;
        if (current is null)
        {
            return [];
        }

        var signals = new List<ContactSignal>();
        var actor = meta.UserId is { } user ? $"pipedrive-user:{user}" : "pipedrive";
        const string Source = "webhook";

        if (NewsletterChanged(personEvent, newsletter.Key) && current.CustomFields.TryGetValue(newsletter.Key, out var value)
            && !(IsEcho(meta, appUserId) && (wroteByUs?.Invoke(MeaningOf(value, newsletter)) ?? true)))
        {
            var kind = MeaningOf(value, newsletter) switch
            {
                NewsletterOption.Subscribe => ContactSignalKind.SubscribeRequested,
                NewsletterOption.Unsubscribed => ContactSignalKind.UnsubscribeRequested,
                _ => ContactSignalKind.FieldOverwritten,
            };
            signals.Add(new ContactSignal(kind, meta.Timestamp, actor, Source) { Email = current.Has("emails") ? current.PrimaryEmail : emailBefore });
        }

        if (current.Has("emails") && emailKnownBefore && !SubscriptionStateMachine.SameAddress(emailBefore, current.PrimaryEmail))
        {
            signals.Insert(0, new ContactSignal(ContactSignalKind.EmailChanged, meta.Timestamp, actor, Source) { Email = current.PrimaryEmail });
        }

        return signals;
    }

    /// <summary>What a Newsletter value means (null: empty or an option the app does not recognise).</summary>
    public static NewsletterOption? MeaningOf(PersonFieldValue value, NewsletterFieldConfig newsletter)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(newsletter);
        return value.OptionId is { } id ? newsletter.MeaningOf(id) : null;
    }

    /// <summary>Possibly our own write: made through the API by the user the app acts as (the value decides, see <c>wroteByUs</c>).</summary>
    public static bool IsEcho(PipedriveEventMeta meta, long appUserId) =>
        meta.UserId == appUserId && string.Equals(meta.ChangeSource, "api", StringComparison.OrdinalIgnoreCase);

    private static bool NewsletterChanged(PersonEvent personEvent, string key)
    {
        var current = personEvent.Current!;
        if (!current.CustomFields.TryGetValue(key, out var now))
        {
            return false;
        }

        if (personEvent.Meta.Action == PipedriveAction.Create || personEvent.Previous is null)
        {
            return !now.IsEmpty;
        }

        // v2: previous holds only changed fields; v1: previous is complete, so compare.
        if (personEvent.Previous.CustomFields.TryGetValue(key, out var before))
        {
            return before.OptionId != now.OptionId;
        }

        // A v1 previous is complete, so a missing key means the field had no value before.
        return personEvent.Meta.Version == 1 && !now.IsEmpty;
    }
}
