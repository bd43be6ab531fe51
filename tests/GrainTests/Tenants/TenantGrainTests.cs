using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Tenants;

[Collection(ProductClusterCollection.Name)]
public sealed class TenantGrainTests(ProductClusterFixture fixture)
{
    [Fact]
    public async Task An_installation_activates_the_tenant_and_the_directory_follows_from_the_outbox()
    {
        var company = ProductClusterFixture.NewCompany();

        var result = await fixture.Grains.Tenant(company).Install(Grant(company));

        Assert.True(result.Succeeded);
        Assert.False(result.IsReinstall);
        var connection = await fixture.Grains.Tenant(company).GetConnection();
        Assert.Equal(TenantStatus.Active, connection.Status);
        Assert.Equal("access", fixture.Secrets.Unprotect(connection.PipedriveAccessToken!));
        await Eventually.TrueAsync(() => fixture.TenantEffects.Commands<TenantEffect.UpdateDirectory>(company).Any(d => d.Status == TenantStatus.Active && d.CompanyName == "Acme"));
        await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Any(a => a.Message == "Installed by Ada Admin (user 9)."));
    }

    [Fact]
    public async Task Concurrent_callers_with_the_same_rejected_token_share_one_refresh()
    {
        var company = ProductClusterFixture.NewCompany();
        var tenant = await fixture.SetUpTenantAsync(company);
        var refreshesBefore = fixture.OAuth.Refreshes;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.Grains.Tenant(company).RefreshAccessToken(tenant.AccessToken!)));

        Assert.Equal(1, fixture.OAuth.Refreshes - refreshesBefore);
        var tokens = answers.Select(a => fixture.Secrets.Unprotect(a.PipedriveAccessToken!)).Distinct().ToList();
        Assert.StartsWith("fresh-access-", Assert.Single(tokens), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_pipedrive_rejects_pauses_the_tenant_until_an_admin_reconnects()
    {
        var company = ProductClusterFixture.NewCompany();
        var tenant = await fixture.SetUpTenantAsync(company);
        fixture.OAuth.RejectGrant = true;
        try
        {
            var connection = await fixture.Grains.Tenant(company).RefreshAccessToken(tenant.AccessToken!);

            Assert.Equal(TenantStatus.NeedsReauthorization, connection.Status);
            Assert.False((await fixture.Grains.Tenant(company).GetOverview()).Pipedrive!.Healthy);
            await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Any(a => a.Level == ActivityLevel.Error && a.Message.StartsWith("Pipedrive rejected the refresh token", StringComparison.Ordinal)));
        }
        finally
        {
            fixture.OAuth.RejectGrant = false;
        }
    }

    [Theory]
    [InlineData("http://attacker.example")]
    [InlineData("https://attacker.example")]
    public async Task A_refresh_naming_a_foreign_api_host_is_refused_reported_and_the_current_tokens_kept(string apiDomain)
    {
        var company = ProductClusterFixture.NewCompany();
        var tenant = await fixture.SetUpTenantAsync(company);
        fixture.OAuth.ApiDomain = apiDomain;
        try
        {
            var connection = await fixture.Grains.Tenant(company).RefreshAccessToken(tenant.AccessToken!);

            Assert.Equal(tenant.ApiBase, connection.PipedriveApiBase);
            Assert.Equal("access-token", fixture.Secrets.Unprotect(connection.PipedriveAccessToken!));
            Assert.Equal(TenantStatus.Active, connection.Status);
            var pipedrive = (await fixture.Grains.Tenant(company).GetOverview()).Pipedrive!;
            Assert.False(pipedrive.Healthy);
            Assert.Contains(apiDomain, pipedrive.Message, StringComparison.Ordinal);
            await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Count(a => a.Level == ActivityLevel.Error && a.Message.StartsWith("A token refresh was refused", StringComparison.Ordinal)) == 1);
        }
        finally
        {
            fixture.OAuth.ApiDomain = FakeOAuth.DefaultApiDomain;
        }
    }

    [Fact]
    public async Task Uninstalling_on_the_settings_page_wipes_the_secrets_and_revokes_the_authorisation_from_the_outbox()
    {
        var company = ProductClusterFixture.NewCompany();
        var tenant = await fixture.SetUpTenantAsync(company);
        fixture.TenantEffects.Script(company, _ => EffectOutcome.Retry("The service could not be reached; will try again later."));

        await fixture.Grains.TenantSetup(company).Uninstall(new UninstallRequest(UninstallSource.SettingsPage, 9, DateTimeOffset.UtcNow));

        var connection = await fixture.Grains.Tenant(company).GetConnection();
        Assert.Equal(TenantStatus.Uninstalled, connection.Status);
        Assert.Null(connection.PipedriveAccessToken);
        Assert.Null(connection.MaileonApiKey);
        // The web tier keeps the hashes it had, marked uninstalled: the tenant's own senders get 410, others 401.
        await Eventually.TrueAsync(() => fixture.TenantEffects.Commands<TenantEffect.PublishIngress>(company).Any(p => !p.Installed), "uninstall published to the web tier");
        // The first revoke fails and is retried; the refresh token leaves the state once it is revoked.
        await Eventually.TrueAsync(() => fixture.TenantEffects.Commands<TenantEffect.RevokeAuthorization>(company).Count == 2, "revoke retried");
        var revoked = fixture.TenantEffects.Commands<TenantEffect.RevokeAuthorization>(company);
        Assert.All(revoked, r => Assert.Equal(tenant.RefreshToken, r.RefreshToken));
        await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Any(a => a.Message == "done"), "revoke noted");
        Assert.Contains(fixture.TenantEffects.Commands<TenantEffect.UpdateDirectory>(company), d => d.Status == TenantStatus.Uninstalled);
    }

    [Fact]
    public async Task A_tenant_stored_by_the_previous_version_loads_resumes_its_work_and_hands_its_reminder_to_the_health_grain()
    {
        var company = ProductClusterFixture.NewCompany();
        var tenantId = ProductClusterFixture.TenantId(company);
        await StoredStates.SeedAsync<TenantState>(fixture.Silo, tenantId, GrainTypes.Tenant, StoredStates.Captured("tenant"));
        // Its self-check reminder as the previous version registered it on the tenant grain.
        var reminders = fixture.Silo.GetRequiredService<IReminderTable>();
        await reminders.UpsertRow(new ReminderEntry { GrainId = tenantId, ReminderName = "self-healing", StartAt = DateTime.UtcNow.AddMinutes(15), Period = TimeSpan.FromMinutes(15) });

        var overview = await fixture.Grains.Tenant(company).GetOverview();
        Assert.Equal("Acme", overview.CompanyName);
        Assert.Equal(TenantStatus.Active, overview.Status);
        Assert.Equal("\u20261234", overview.MaileonApiKeyHint);
        Assert.True(overview.DoiPlus);
        Assert.Equal(["abc123"], overview.ExtraFieldKeys);
        Assert.Equal("healthy", Assert.Single(overview.Webhooks).State);

        // The revoke it had queued runs on.
        await Eventually.TrueAsync(() => fixture.TenantEffects.Commands<TenantEffect.RevokeAuthorization>(company).Any(r => r.RefreshToken.CipherText == "cipher-old-refresh"));

        // When that reminder fires on the tenant grain, the grain hands the self-check to the health grain.
        await fixture.Grains.Tenant(company).AsReference<IRemindable>().ReceiveReminder("self-healing", new TickStatus(DateTime.UtcNow, TimeSpan.FromMinutes(15), DateTime.UtcNow));
        var healthId = GrainId.Create(GrainType.Create(GrainTypes.TenantHealth), GrainIdKeyExtensions.CreateIntegerKey(company));
        Assert.Equal(["self-healing"], (await reminders.ReadRows(healthId)).Reminders.Select(r => r.ReminderName));
        Assert.Empty((await reminders.ReadRows(tenantId)).Reminders);
    }

    private InstallationGrant Grant(long company) => new()
    {
        CompanyId = company,
        CompanyName = "Acme",
        UserId = 9,
        UserName = "Ada Admin",
        UserEmail = "ada@acme.example",
        ApiBase = new Uri("http://127.0.0.1:9/"),
        AccessToken = fixture.Secrets.Protect("access"),
        RefreshToken = fixture.Secrets.Protect("refresh"),
        AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
        Scopes = ["base"],
    };
}
