using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// A person as the first-sync scan reads it: its primary address as Pipedrive holds it and the meaning of its
/// Newsletter value (null: empty or an option the app does not recognise, see <c>NewsletterFieldAdoption</c>).
/// </summary>
public sealed record FirstSyncPerson(long PersonId, string? PrimaryEmail, NewsletterOption? Meaning);
