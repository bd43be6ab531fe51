using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// The first sync's decision for one person. <see cref="Address"/> is the address key (null without a usable one);
/// <see cref="FieldWrite"/> the Newsletter value to write, null when the field already means it (no Pipedrive call).
/// </summary>
public sealed record FirstSyncDecision(long PersonId, FirstSyncAction Action, string? Address, NewsletterOption? FieldWrite, string Reason)
{
    /// <summary>Whether the run calls Maileon for this person's address (once per address, however many persons share it).</summary>
    public bool WritesMaileon => Action is FirstSyncAction.SendDoi or FirstSyncAction.MarkSubscribed;
}
