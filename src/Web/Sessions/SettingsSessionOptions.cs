using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>Configuration section <c>Settings</c>: how long settings sessions last and how often the admin role is re-read.</summary>
public sealed class SettingsSessionOptions
{
    public const string Section = "Settings";

    /// <summary>
    /// An answer of Pipedrive to "is this user an admin?" is reused for at most this long (default 2 minutes), so a
    /// demoted admin loses access within it; every request re-checks the installation itself.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:15:00", ErrorMessage = "Settings:AdminRecheck must be between 0 and 15 minutes.")]
    public TimeSpan AdminRecheck { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a session ticket carried by a page stays valid without another page being shown (default 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "08:00:00", ErrorMessage = "Settings:TicketLifetime must be between 1 minute and 8 hours.")]
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>No session outlives this, counted from the sign-in (default 8 hours).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "24:00:00", ErrorMessage = "Settings:MaxSessionLifetime must be between 1 minute and 24 hours.")]
    public TimeSpan MaxSessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
