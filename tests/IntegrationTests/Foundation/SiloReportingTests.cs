using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>The cadences of a silo's reporting (<c>Orleans:DashboardCounterSeconds</c>, <c>Orleans:LoadPublishSeconds</c>) are read and checked at start.</summary>
public sealed class SiloReportingTests
{
    [Theory]
    [InlineData("Orleans__DashboardCounterSeconds", "Orleans:DashboardCounterSeconds")]
    [InlineData("Orleans__LoadPublishSeconds", "Orleans:LoadPublishSeconds")]
    public async Task A_silo_told_to_report_every_0_seconds_exits_naming_the_setting(string variable, string setting)
    {
        await using var silo = ManagedProcess.Start("silo-reporting", "Silo", new Dictionary<string, string?>
        {
            // Never reached: the settings are checked before the silo connects.
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Database=none;Username=none",
            [variable] = "0",
        });

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(setting, silo.OutputText, StringComparison.Ordinal);
    }
}
