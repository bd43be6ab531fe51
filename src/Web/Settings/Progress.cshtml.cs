using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Settings;

/// <summary>The reconciliation panel alone, which the settings page fetches again while a run is going (live progress).</summary>
[Authorize(Policy = SessionAuthentication.PolicyName)]
public sealed class ProgressModel(IClusterClient cluster) : PageModel
{
    public ReconciliationView? Reconciliation { get; private set; }

    public async Task OnGetAsync() =>
        Reconciliation = await PanelRead.OrNullAsync(() => cluster.Reconciliation(SettingsSessionFeature.Of(HttpContext).Session.CompanyId).GetView());
}
