namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>What a person tells the grain of its primary address.</summary>
public enum AddressMessageKind
{
    /// <summary>A Newsletter request of a Pipedrive user for the person (<see cref="AddressMessage.Request"/>).</summary>
    Request,

    /// <summary>The person now has this primary address (first sight or an address change).</summary>
    Join,

    /// <summary>The person no longer has this primary address (changed, removed, deleted).</summary>
    Leave,

    /// <summary>A person whose consent was kept per person (before addresses held it) hands it over once.</summary>
    Legacy,
}
