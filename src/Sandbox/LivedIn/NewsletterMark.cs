namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>What a lived-in person's Newsletter field holds (the incumbent app's options, or the German variant's).</summary>
public enum NewsletterMark
{
    Empty,
    Subscribe,
    AwaitingConfirmation,
    Subscribed,

    /// <summary>"Unsubscribed" (or the incumbent's "Unsubscribe"; German "Abgemeldet").</summary>
    Unsubscribed,

    /// <summary>An option nobody can read as consent ("VIP list").</summary>
    Unrecognised,
}
