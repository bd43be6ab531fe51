namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>Mailing states and types as Maileon names them (docs: "Get Mailings By States", "Get Mailings By Types").</summary>
public static class MailingStates
{
    public const string Draft = "draft";
    public const string Done = "done";
    public const string RegularType = "regular";

    public static readonly IReadOnlyList<string> All =
        [Draft, "failed", "queued", "checks", "blacklist", "preparing", "sending", "canceled", "paused", Done, "archiving", "archived", "released", "scheduled"];

    public static readonly IReadOnlyList<string> Types = ["doi", "trigger", RegularType];
}
