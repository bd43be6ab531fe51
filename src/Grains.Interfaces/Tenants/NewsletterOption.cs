namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>The meanings of the Newsletter enum field's options (labels in docs/DESIGN.md).</summary>
public enum NewsletterOption
{
    Subscribe,
    AwaitingConfirmation,
    Subscribed,
    Unsubscribed,
}
