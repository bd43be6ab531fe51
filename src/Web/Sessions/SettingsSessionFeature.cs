using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// The checked session of a request that passed <see cref="SettingsAdminRequirement"/>: pages read the company from
/// it and embed <see cref="Ticket"/> in their forms, links and fetches.
/// </summary>
public sealed class SettingsSessionFeature(TenantSession session, SettingsAccess access, SessionTickets tickets)
{
    private string? ticket;

    /// <summary>The session, bound to the installation epoch it was checked against.</summary>
    public TenantSession Session { get; } = session with { InstallationEpoch = access.InstallationEpoch };

    public SettingsAccess Access { get; } = access;

    /// <summary>True when the request passed the check; only then does a page get a ticket.</summary>
    public bool Granted { get; init; }

    /// <summary>A fresh ticket for the page being shown (one per request); empty past the session's maximum lifetime.</summary>
    /// <summary>The checked session of a request that passed the settings policy.</summary>
    public static SettingsSessionFeature Of(HttpContext context) =>
        context.Features.Get<SettingsSessionFeature>() is { Granted: true } feature
            ? feature
            : throw new InvalidOperationException("The settings policy did not run for this request.");

    public string Ticket => Granted ? ticket ??= tickets.Issue(Session) ?? string.Empty : string.Empty;
}
