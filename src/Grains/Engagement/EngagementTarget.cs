namespace PipedriveMaileon.Grains.Engagement;

/// <summary>Where an engagement entry goes on the person's timeline.</summary>
public enum EngagementTarget
{
    /// <summary>A note (API v1 notes; scope <c>contacts:full</c>, which the app has anyway).</summary>
    Note,

    /// <summary>A done activity of type <c>email</c> (API v2 activities; needs the extra scope <c>activities:full</c>).</summary>
    Activity,
}
