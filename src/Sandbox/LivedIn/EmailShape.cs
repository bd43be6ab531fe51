namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>What a lived-in person's e-mail values look like.</summary>
public enum EmailShape
{
    /// <summary>No e-mail at all.</summary>
    None,

    /// <summary>One value Maileon refuses ("anna(at)example.com", a display name, no domain, ...).</summary>
    Invalid,

    /// <summary>One address of its own.</summary>
    Single,

    /// <summary>Two or three addresses; the primary one is not always the first.</summary>
    Several,

    /// <summary>The primary address of another person of the same company, spelt in other letter case.</summary>
    Duplicate,

    /// <summary>An address a person of the second company (sharing the Maileon account) also has.</summary>
    SharedWithOtherCompany,
}
