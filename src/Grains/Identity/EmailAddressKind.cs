namespace PipedriveMaileon.Grains.Identity;

/// <summary>What a person's e-mail value is, for syncing.</summary>
public enum EmailAddressKind
{
    /// <summary>No address at all (or only whitespace).</summary>
    Missing,

    /// <summary>Something Maileon would refuse; shown to the admin, never sent.</summary>
    Invalid,

    Valid,
}
