using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Settings;

/// <summary>
/// The tenant's settings page: the form, the status panel (connections, webhooks, setup) and recent activity.
/// The company always comes from the session, never from the request.
/// </summary>
[Authorize(Policy = SessionAuthentication.PolicyName)]
public sealed class IndexModel(IClusterClient cluster, JournalReader journal) : PageModel
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    [BindProperty]
    public EngagementForm Engagement { get; set; } = new();

    /// <summary>The engagement setting and poll; null when it could not be read just now.</summary>
    public EngagementView? EngagementStatus { get; private set; }

    public TenantOverview Overview { get; private set; } = null!;

    public IReadOnlyList<PersonFieldChoice> FieldChoices { get; private set; } = [];

    public string? FieldChoicesProblem { get; private set; }

    public IReadOnlyList<ActivityRecord> Activity { get; private set; } = [];

    public IReadOnlyList<SetupStepOutcome>? JustRanSetup { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>Reconciliation progress; null when it could not be read just now.</summary>
    public ReconciliationView? Reconciliation { get; private set; }

    /// <summary>The first sync's preview or progress; null when it could not be read just now.</summary>
    public FirstSyncView? FirstSync { get; private set; }

    private TenantSession Session => SettingsSessionFeature.Of(HttpContext).Session;

    private ITenantGrain Tenant => cluster.Tenant(Session.CompanyId);

    private ITenantSetupGrain Setup => cluster.TenantSetup(Session.CompanyId);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (Form.ChosenExtraFields().Count > SettingsForm.MaxExtraFields)
        {
            ModelState.AddModelError("Form.ExtraFields", $"Choose at most {SettingsForm.MaxExtraFields} extra fields.");
        }

        if (Form.ChosenExtraFields().Distinct(StringComparer.Ordinal).Count() != Form.ChosenExtraFields().Count)
        {
            ModelState.AddModelError("Form.ExtraFields", "Each extra field can be chosen once.");
        }

        if (ModelState.IsValid)
        {
            var result = await Setup.SaveSettings(new SettingsUpdate
            {
                MaileonApiKey = string.IsNullOrWhiteSpace(Form.MaileonApiKey) ? null : Form.MaileonApiKey.Trim(),
                DoiMailingKey = string.IsNullOrWhiteSpace(Form.DoiMailingKey) ? null : Form.DoiMailingKey.Trim(),
                DoiPlus = Form.Permission == "doiplus",
                DealEventsEnabled = Form.DealEvents,
                ExtraFieldKeys = Form.ChosenExtraFields(),
                ActingUserId = Session.UserId,
                EraseDeletedInMaileon = Form.EraseDeleted,
            });
            foreach (var (field, message) in result.Errors)
            {
                ModelState.AddModelError($"Form.{field}", message);
            }

            if (result.Saved)
            {
                JustRanSetup = result.Setup;
                Notice = "Settings saved.";
            }
        }

        // A rejected key is never echoed back into the form.
        Form.MaileonApiKey = null;
        await LoadAsync(fillForm: false);
        return Page();
    }

    public async Task<IActionResult> OnPostRepairAsync()
    {
        JustRanSetup = await Setup.RunSetup(Session.UserId);
        Notice = "Setup checked and repaired where needed.";
        await LoadAsync(fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryFailedAsync()
    {
        var companyId = Session.CompanyId;
        var (persons, deals) = await journal.FailedItemsAsync(companyId, DateTimeOffset.UtcNow.AddDays(-30), HttpContext.RequestAborted);
        var retried = 0;
        foreach (var personId in persons)
        {
            retried += await cluster.Contact(companyId, personId).RetryParked();
        }

        foreach (var dealId in deals)
        {
            retried += await cluster.Deal(companyId, dealId).RetryParked();
        }

        Notice = retried == 0 ? "Nothing was waiting for a retry." : $"{retried} failed step(s) put back in line; the activity log shows how they go.";
        await LoadAsync(fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRunReconciliationAsync()
    {
        await cluster.Reconciliation(Session.CompanyId).RunNow();
        Notice = "Reconciliation started; its progress shows below.";
        await LoadAsync(fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveEngagementAsync()
    {
        var before = (await cluster.Engagement(Session.CompanyId).GetView()).Choice;
        var choice = Engagement.ToChoice();
        await cluster.Engagement(Session.CompanyId).Configure(choice, Session.UserId);
        if ((before.Enabled && before.HardBounces) != (choice.Enabled && choice.HardBounces))
        {
            // Maileon's bounce webhook is registered while hard bounces are shown.
            JustRanSetup = await Setup.RunSetup(Session.UserId);
        }

        Notice = "Engagement setting saved.";
        await LoadAsync(fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostPollEngagementAsync()
    {
        await cluster.Engagement(Session.CompanyId).PollNow();
        Notice = "Reading Maileon's reports; the counts show below.";
        await LoadAsync(fillForm: true);
        return Page();
    }

    /// <summary>The first sync's buttons: "confirm" (run the preview), "pause", "resume".</summary>
    public async Task<IActionResult> OnPostFirstSyncAsync(string command)
    {
        var grain = cluster.FirstSync(Session.CompanyId);
        await (command switch
        {
            "confirm" => grain.Confirm(Session.UserId),
            "pause" => grain.Pause(Session.UserId),
            "resume" => grain.Resume(Session.UserId),
            _ => Task.CompletedTask,
        });
        Notice = command switch
        {
            "confirm" => "First sync confirmed; its progress shows below.",
            "pause" => "First sync paused.",
            "resume" => "First sync resumed.",
            _ => null,
        };
        await LoadAsync(fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostUninstallAsync()
    {
        var session = Session;
        var report = await Setup.Uninstall(new UninstallRequest(UninstallSource.SettingsPage, session.UserId, DateTimeOffset.UtcNow));
        SessionAuthentication.DeleteCookie(HttpContext);
        var page = SettingsAccessResultHandler.UninstalledPage(session);
        return Redirect(report.UnsubscribesSent + report.NotSent.Count == 0
            ? page
            : $"{page}{(page.Contains('?', StringComparison.Ordinal) ? '&' : '?')}unsubscribesSent={report.UnsubscribesSent}&unsubscribesNotSent={report.NotSent.Count}");
    }

    private async Task LoadAsync(bool fillForm)
    {
        ViewData["Company"] = SettingsSessionFeature.Of(HttpContext).Access.CompanyName;
        Overview = await Tenant.GetOverview();
        if (fillForm)
        {
            Form = new SettingsForm
            {
                DoiMailingKey = Overview.DoiMailingKey,
                Permission = Overview.DoiPlus ? "doiplus" : "doi",
                DealEvents = Overview.DealEventsEnabled || !Overview.SettingsSaved, // on by default, as the seed's app
                ExtraFields = [.. Overview.ExtraFieldKeys],
                EraseDeleted = Overview.EraseDeletedInMaileon,
            };
        }

        while (Form.ExtraFields.Count < SettingsForm.MaxExtraFields)
        {
            Form.ExtraFields.Add(null);
        }

        if (Overview.Status == TenantStatus.Active)
        {
            try
            {
                FieldChoices = await Setup.GetPersonFieldChoices();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                FieldChoicesProblem = "Pipedrive's person fields could not be read just now; the drop-downs show your saved choices only.";
            }
        }

        Reconciliation = await PanelRead.OrNullAsync(() => cluster.Reconciliation(Session.CompanyId).GetView());
        EngagementStatus = await PanelRead.OrNullAsync(() => cluster.Engagement(Session.CompanyId).GetView());
        if (EngagementStatus is not null)
        {
            Engagement = EngagementForm.Of(EngagementStatus.Choice);
        }

        FirstSync = await PanelRead.OrNullAsync(() => cluster.FirstSync(Session.CompanyId).GetView());
        Activity = await journal.RecentActivityAsync(Session.CompanyId, 50, HttpContext.RequestAborted);
    }
}
