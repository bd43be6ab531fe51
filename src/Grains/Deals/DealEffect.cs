namespace PipedriveMaileon.Grains.Deals;

/// <summary>Send one deal event to Maileon (<see cref="DealEffectHandler"/>), with what the deal's state already knows.</summary>
/// <param name="KnownSmartBccEmail">The deal's Smart BCC address once read (it never changes for a deal).</param>
public sealed record DealEffect(DealWork Work, string? KnownSmartBccEmail);
