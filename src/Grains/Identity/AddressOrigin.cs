using PipedriveMaileon.Grains.Contacts;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// Who or what caused an address decision, for the ledger and the Maileon call: actor, source, source time, and the
/// requesting person with its data (a double opt-in creates the contact from it).
/// </summary>
public sealed record AddressOrigin(string Actor, string Source, DateTimeOffset At, long? PersonId = null, KnownPerson? Person = null);
