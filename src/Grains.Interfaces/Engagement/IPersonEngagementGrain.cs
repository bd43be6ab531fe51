using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>
/// One person's engagement with the tenant's mailings (key: person id, extension: company id): the opens, clicks and
/// hard bounces Maileon attributes to the person, counted once each, and the one timeline entry per mailing that shows
/// them in Pipedrive, written by the grain's outbox.
/// </summary>
public interface IPersonEngagementGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Counts the rows (repeats count nothing) and queues the writes they need; returns their Pipedrive token cost.</summary>
    Task<int> Record(EngagementDelivery delivery);

    /// <summary>The person's last mailings for the panel, most recently active first.</summary>
    [AlwaysInterleave]
    Task<PersonEngagementView> GetView(int mailings);

    /// <summary>Puts parked writes back in line. Returns how many.</summary>
    Task<int> RetryParked();
}
