namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>Maileon's zone-less times (contact <c>updated</c>, <c>updated_after</c>) in the account's configured zone.</summary>
public sealed class MaileonWallClock(TimeZoneInfo zone)
{
    public DateTime ToWallClock(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>The instant a wall-clock time stands for; an hour skipped or repeated by daylight saving takes the standard offset.</summary>
    public DateTimeOffset ToInstant(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(local) || zone.IsAmbiguousTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
