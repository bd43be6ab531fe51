namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A Pipedrive company (account) and the app's installation state in it.</summary>
public sealed class Company
{
    public long Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Domain { get; set; } = string.Empty;
    public string Country { get; set; } = "DE";
    public DateTimeOffset AddTime { get; set; }

    /// <summary>True from the first approved authorization until uninstall.</summary>
    public bool Installed { get; set; }

    public long? InstalledByUserId { get; set; }

    /// <summary>Outcome of the last uninstall callback sent to the app (status code or error).</summary>
    public string? LastUninstallCallback { get; set; }
}
