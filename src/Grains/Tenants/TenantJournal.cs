using PipedriveMaileon.Database.Journal;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Adds a tenant-wide activity-log line to the state (stored with the change that adds it).</summary>
public static class TenantJournal
{
    public const string Area = "tenant";

    public static void Note(TenantState state, DateTimeOffset now, ActivityLevel level, string message) =>
        state.PendingActivity.Add(new ActivityRecord { EntryId = Guid.NewGuid(), OccurredAt = now, Level = level, Area = Area, Message = message });
}
