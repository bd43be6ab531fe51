using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Panel;

/// <summary>
/// The person panel "Maileon" inside Pipedrive's person view: the person's consent status, the ledger's last entries,
/// the last mailings with opens and clicks, and a link to the full history. Any user of the company may see it (the
/// same signed-token sessions as the settings page, <see cref="SessionAuthentication.MemberPolicyName"/>); it changes
/// nothing. The person comes from Pipedrive's <c>selectedIds</c> and is read within the session's company only.
/// </summary>
[Authorize(Policy = SessionAuthentication.MemberPolicyName)]
public sealed class PersonPanelModel(JournalReader journal, IClusterClient cluster) : PageModel
{
    public const int LedgerEntries = 5;
    public const int Mailings = 5;

    public long PersonId { get; private set; }

    public ContactView? Contact { get; private set; }

    public IReadOnlyList<LedgerRow> Ledger { get; private set; } = [];

    public PersonEngagementView? Engagement { get; private set; }

    public bool EngagementOn { get; private set; }

    public bool IsAdmin { get; private set; }

    /// <summary>Whether the page shows the whole ledger (the "full history" link) or its last entries.</summary>
    public bool FullHistory { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? personId, string? selectedIds, bool all = false)
    {
        var feature = SettingsSessionFeature.Of(HttpContext);
        ViewData["Company"] = feature.Access.CompanyName;
        IsAdmin = feature.Access.Role == AdminRole.Admin;
        PersonId = personId ?? FirstId(selectedIds);
        FullHistory = all;
        if (PersonId <= 0)
        {
            return Page();
        }

        var companyId = feature.Session.CompanyId;
        var rows = new List<LedgerRow>();
        await foreach (var row in journal.LedgerAsync(companyId, PersonId, HttpContext.RequestAborted))
        {
            rows.Add(row);
        }

        Ledger = all ? rows : rows.TakeLast(LedgerEntries).ToList();
        Contact = await cluster.Contact(companyId, PersonId).GetView();
        Engagement = await cluster.PersonEngagement(companyId, PersonId).GetView(all ? 50 : Mailings);
        EngagementOn = (await cluster.Engagement(companyId).GetView()).Choice.Enabled;
        return Page();
    }

    private static long FirstId(string? selectedIds) =>
        long.TryParse((selectedIds ?? "").Split(',')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
