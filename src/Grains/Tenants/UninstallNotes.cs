using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>What the activity log says about an uninstall.</summary>
public static class UninstallNotes
{
    private const int ListedAddresses = 20;

    /// <summary>The unsubscribes sent before the key was deleted and those that could not be; null when there were none.</summary>
    public static string? Unsubscribes(UninstallReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.UnsubscribesSent == 0 && report.NotSent.Count == 0)
        {
            return null;
        }

        var sent = $"{report.UnsubscribesSent} pending unsubscribe(s) were sent to Maileon first.";
        if (report.NotSent.Count == 0)
        {
            return sent;
        }

        var listed = string.Join(", ", report.NotSent.Take(ListedAddresses).Select(p => $"{p.Email} (person {p.PersonId}{(p.LastError is { } error ? ": " + error : "")})"));
        var more = report.NotSent.Count > ListedAddresses ? $" and {report.NotSent.Count - ListedAddresses} more" : "";
        return $"{sent} {report.NotSent.Count} could not be sent and are recorded in the persons' consent ledgers (a re-install sends them): {listed}{more}.";
    }
}
