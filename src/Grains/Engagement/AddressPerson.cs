namespace PipedriveMaileon.Grains.Engagement;

/// <summary>A person whose primary address an address is; <see cref="Deleted"/> when the person was deleted in Pipedrive.</summary>
public sealed record AddressPerson(long PersonId, bool Deleted);
