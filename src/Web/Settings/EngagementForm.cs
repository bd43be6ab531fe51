using PipedriveMaileon.Grains.Interfaces.Engagement;

namespace PipedriveMaileon.Web.Settings;

/// <summary>The "Show Maileon engagement in Pipedrive" form as posted (checkboxes absent = off).</summary>
public sealed class EngagementForm
{
    public bool Enabled { get; set; }

    public bool Opens { get; set; }

    public bool Clicks { get; set; }

    public bool HardBounces { get; set; }

    /// <summary><c>note</c> or <c>activity</c>.</summary>
    public string Target { get; set; } = "note";

    public static EngagementForm Of(EngagementChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return new EngagementForm
        {
            Enabled = choice.Enabled,
            Opens = choice.Opens,
            Clicks = choice.Clicks,
            HardBounces = choice.HardBounces,
            Target = choice.AsActivity ? "activity" : "note",
        };
    }

    public EngagementChoice ToChoice() => new()
    {
        Enabled = Enabled,
        Opens = Opens,
        Clicks = Clicks,
        HardBounces = HardBounces,
        AsActivity = Target == "activity",
    };
}
