namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// The fixture's own statement of what a correct first sync does (docs/IDENTITY.md, "First sync"), written from the
/// plan and independent of the app's code, so a preview can be checked against it:
/// an empty or unrecognised value is left alone; "Unsubscribed" stays; a marked person without a usable address is
/// skipped; an address unsubscribed in Maileon, or shown "Unsubscribed" by another person of the same company, is
/// unsubscribed; DOI/DOI+ is confirmed; the incumbent's waiting DOI is waited for; everything else gets a DOI mail.
/// </summary>
internal static class FirstSyncTruth
{
    public static FirstSyncExpectation For(PlannedPerson person, IReadOnlySet<PlannedAddress> unsubscribedInCompany)
    {
        switch (person.Mark)
        {
            case NewsletterMark.Empty or NewsletterMark.Unrecognised:
                return FirstSyncExpectation.NotMarked;
            case NewsletterMark.Unsubscribed:
                return FirstSyncExpectation.Unsubscribed;
        }

        if (person.Shape == EmailShape.None)
        {
            return FirstSyncExpectation.NoEmail;
        }

        if (person.Address is not { } address)
        {
            return FirstSyncExpectation.InvalidEmail;
        }

        return address.Side switch
        {
            MaileonSide.Unsubscribed => FirstSyncExpectation.Unsubscribed,
            _ when unsubscribedInCompany.Contains(address) => FirstSyncExpectation.Unsubscribed,
            MaileonSide.Doi or MaileonSide.DoiPlus => FirstSyncExpectation.AlreadyConfirmed,
            MaileonSide.None when person.Mark == NewsletterMark.AwaitingConfirmation => FirstSyncExpectation.AwaitingConfirmation,
            _ => FirstSyncExpectation.DoiMail,
        };
    }

    /// <summary>The addresses a person of the company shows "Unsubscribed" for.</summary>
    public static IReadOnlySet<PlannedAddress> UnsubscribedIn(IEnumerable<PlannedPerson> company) =>
        company.Where(p => p.Mark == NewsletterMark.Unsubscribed && p.Address is not null).Select(p => p.Address!).ToHashSet();
}
