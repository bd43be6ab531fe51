using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>The Pipedrive person field the app creates to manage subscriptions (labels as people see them).</summary>
public static class NewsletterFieldDefinition
{
    public const string Name = "Newsletter";
    public const string FieldType = "enum";

    public static readonly IReadOnlyDictionary<NewsletterOption, string> Labels = new Dictionary<NewsletterOption, string>
    {
        [NewsletterOption.Subscribe] = "Subscribe",
        [NewsletterOption.AwaitingConfirmation] = "Awaiting confirmation",
        [NewsletterOption.Subscribed] = "Subscribed",
        [NewsletterOption.Unsubscribed] = "Unsubscribed",
    };
}
