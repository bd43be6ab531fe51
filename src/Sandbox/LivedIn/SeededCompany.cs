using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>What <see cref="LivedInPipedriveWriter"/> created for one company: the ids the manifest and Maileon side need.</summary>
internal sealed record SeededCompany(
    Company Company,
    User Admin,
    IReadOnlyList<User> Owners,
    IReadOnlyList<Organization> Organizations,
    PersonField Newsletter,
    bool German,
    IReadOnlyDictionary<PlannedPerson, Person> Persons);
