using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PipedriveMaileon.Web.Installation;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.UnitTests.Web;

/// <summary>Session tickets: readable only unaltered, and never past their own or the session's lifetime.</summary>
public sealed class SessionTicketTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly SessionTickets tickets;

    public SessionTicketTests()
    {
        tickets = new SessionTickets(new EphemeralDataProtectionProvider(), time, Options.Create(new SettingsSessionOptions
        {
            TicketLifetime = TimeSpan.FromHours(1),
            MaxSessionLifetime = TimeSpan.FromHours(8),
        }));
    }

    private TenantSession Session => new(42, 7, 3, time.GetUtcNow(), SessionSource.PipedriveExtension, "ext-1", "dark");

    [Fact]
    public void ATicketReadsBackAsItsSession() => Assert.Equal(Session, tickets.Read(tickets.Issue(Session)));

    [Fact]
    public void AnAlteredOrForeignTicketIsRefused()
    {
        var ticket = tickets.Issue(Session)!;
        var other = new SessionTickets(new EphemeralDataProtectionProvider(), time, Options.Create(new SettingsSessionOptions()));

        Assert.Null(tickets.Read(ticket[..^2] + (ticket[^2] == 'A' ? "BB" : "AA")));
        Assert.Null(other.Read(ticket));
        Assert.Null(tickets.Read(new string('A', SessionTickets.MaxLength + 1)));
        Assert.Null(tickets.Read(null));
    }

    [Fact]
    public void ATicketExpiresAfterItsLifetime()
    {
        var ticket = tickets.Issue(Session);
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(tickets.Read(ticket));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(tickets.Read(ticket));
    }

    [Fact]
    public void NoTicketOutlivesTheSessionsMaximumLifetime()
    {
        var session = Session;
        time.Advance(TimeSpan.FromHours(7.5));
        var late = tickets.Issue(session);
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Null(tickets.Read(late));
        Assert.Null(tickets.Issue(session));
        Assert.Null(tickets.Read(tickets.IssueForCookie(session)));
    }

    [Fact]
    public void TheExtensionSecretDefaultsToTheClientSecret()
    {
        Assert.Equal("client", new PipedriveAppOptions { ClientSecret = "client" }.ExtensionTokenSecret);
        Assert.Equal("client", new PipedriveAppOptions { ClientSecret = "client", ExtensionJwtSecret = "" }.ExtensionTokenSecret);
        Assert.Equal("jwt", new PipedriveAppOptions { ClientSecret = "client", ExtensionJwtSecret = "jwt" }.ExtensionTokenSecret);
    }
}
