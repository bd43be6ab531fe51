using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>A Newsletter option label the app understands: its meaning, whether it names a state, and its language.</summary>
public sealed record RecognisedLabel(NewsletterOption Meaning, bool NamesState, bool German);
