namespace PipedriveMaileon.Grains.Engagement;

/// <summary>What a person's engagement outbox does in Pipedrive.</summary>
public enum PersonEngagementWorkKind
{
    /// <summary>Create or update the mailing's timeline entry so it shows the current counts.</summary>
    WriteEntry,

    /// <summary>Set the "Maileon bounce" person field after a hard bounce of the person's current address.</summary>
    FlagBounce,
}
