namespace PipedriveMaileon.UnitTests.Contacts;

/// <summary>What the shared-address model test exercised (to show the histories reach every rule).</summary>
internal sealed class SharedAddressCounts
{
    public int Histories, Deliveries, Duplicates, DoiMails, NoMailAlreadyConfirmed, ForeignConfirmationsIgnored, ForeignUnsubscribesApplied, FanOuts;

    public int[] Finals { get; } = new int[4];
}
