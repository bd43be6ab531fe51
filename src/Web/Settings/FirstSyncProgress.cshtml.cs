using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Settings;

/// <summary>The first-sync panel alone, which the settings page fetches again while the first sync moves (live progress).</summary>
[Authorize(Policy = SessionAuthentication.PolicyName)]
public sealed class FirstSyncProgressModel(IClusterClient cluster) : PageModel
{
    public FirstSyncView? FirstSync { get; private set; }

    public async Task OnGetAsync() =>
        FirstSync = await PanelRead.OrNullAsync(() => cluster.FirstSync(SettingsSessionFeature.Of(HttpContext).Session.CompanyId).GetView());
}
