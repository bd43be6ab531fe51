using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Settings;

/// <summary>One person's consent history in this tenant (the person id is looked up within the session's company).</summary>
[Authorize(Policy = SessionAuthentication.PolicyName)]
public sealed class PersonModel(JournalReader journal, IClusterClient cluster) : PageModel
{
    public long PersonId { get; private set; }

    public ContactView? Contact { get; private set; }

    public IReadOnlyList<LedgerRow> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? personId)
    {
        var feature = SettingsSessionFeature.Of(HttpContext);
        var session = feature.Session;
        ViewData["Company"] = feature.Access.CompanyName;
        if (personId is not > 0)
        {
            // Shown, not redirected: a redirect inside Pipedrive's iframe would lose the page's session ticket.
            return Page();
        }

        PersonId = personId.Value;
        var entries = new List<LedgerRow>();
        await foreach (var row in journal.LedgerAsync(session.CompanyId, PersonId, HttpContext.RequestAborted))
        {
            entries.Add(row);
        }

        Entries = entries;
        Contact = await cluster.Contact(session.CompanyId, PersonId).GetView();
        return Page();
    }
}
