namespace PipedriveMaileon.Grains.Deals;

/// <summary>What a deal event needs of its person: the name it carries and the address of the Maileon contact it goes to.</summary>
public sealed record DealPerson(string? Name, string? Email);
