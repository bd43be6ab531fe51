namespace PipedriveMaileon.Grains.Interfaces.Tenants;

public enum UninstallSource
{
    PipedriveCallback,
    SettingsPage,
}
