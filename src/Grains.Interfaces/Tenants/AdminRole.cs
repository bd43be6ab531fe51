namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>A Pipedrive user's role in the company, as Pipedrive answered it.</summary>
public enum AdminRole
{
    /// <summary>Pipedrive could not be asked (the installation is not active, or the call failed): treated as "no".</summary>
    Unknown,

    /// <summary>An active admin of the company.</summary>
    Admin,

    /// <summary>A regular user, a deactivated user or one of another company.</summary>
    NotAdmin,
}
