namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// One Pipedrive write for a person (<see cref="EngagementEffectHandler"/>): a timeline entry (<see cref="Entry"/>,
/// with its deterministic <see cref="Key"/> for the look-up after a lost create) or the bounce flag (<see cref="Flag"/>).
/// </summary>
public sealed record EngagementEffect(long PersonId, EngagementWrite? Entry, string? Key, BounceFlagAdoption? Flag, string? BouncedAddress);
