using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>What the scan keeps of a person until the preview: id, primary address as read, Newsletter meaning.</summary>
public sealed record ScannedPerson(long PersonId, string? PrimaryEmail, NewsletterOption? Meaning);
