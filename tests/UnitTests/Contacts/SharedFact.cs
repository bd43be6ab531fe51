namespace PipedriveMaileon.UnitTests.Contacts;

internal enum SharedFactKind
{
    Subscribe,
    Unsubscribe,
    Overwrite,
    DoiConfirmed,
    MaileonUnsubscribed,
}

/// <summary>Something that happened at its source time: a user's edit (with its person) or a Maileon event (with who caused it, if a company did).</summary>
internal sealed record SharedFact(string Id, SharedFactKind Kind, long? Person, string Address, DateTimeOffset At, SharedAddressTenant? Cause)
{
    public bool FromMaileon => Kind is SharedFactKind.DoiConfirmed or SharedFactKind.MaileonUnsubscribed;
}
