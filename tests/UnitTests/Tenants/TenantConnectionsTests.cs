using System.Reflection;
using Microsoft.AspNetCore.DataProtection;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using Microsoft.Extensions.Time.Testing;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.UnitTests.Tenants;

public sealed class TenantConnectionsTests
{
    private const long Company = 42;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TenantGrainStub tenant;
    private readonly TenantConnections cache;
    private readonly SecretProtector secrets = new(new EphemeralDataProtectionProvider());

    public TenantConnectionsTests()
    {
        tenant = new TenantGrainStub(Ready(time.GetUtcNow().AddHours(1)));
        cache = new TenantConnections(TenantGrainStub.Factory(tenant), secrets, time);
    }

    [Fact]
    public async Task Grains_of_a_tenant_share_one_fetch_within_the_lifetime()
    {
        var first = await cache.GetAsync(Company);
        time.Advance(TenantConnections.Lifetime - TimeSpan.FromSeconds(1));
        var second = await cache.GetAsync(Company);

        Assert.Same(first, second);
        Assert.Equal(1, tenant.Calls);
    }

    [Fact]
    public async Task A_settings_change_arrives_after_the_lifetime()
    {
        await cache.GetAsync(Company);
        tenant.Connection = tenant.Connection with { ConfigVersion = 2 };
        time.Advance(TenantConnections.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(2, (await cache.GetAsync(Company)).ConfigVersion);
        Assert.Equal(2, tenant.Calls);
    }

    [Fact]
    public async Task The_current_connection_sees_a_settings_change_saved_on_another_silo_at_once_and_is_kept()
    {
        await cache.GetAsync(Company);
        tenant.Connection = tenant.Connection with { ConfigVersion = 2, DoiPlus = true };

        var current = await cache.CurrentAsync(Company);
        var kept = await cache.GetAsync(Company);

        Assert.True(current.DoiPlus);
        Assert.Same(current, kept);
        Assert.Equal(2, tenant.Calls);
    }

    [Fact]
    public async Task Tenants_that_went_quiet_are_swept_out()
    {
        foreach (var company in new long[] { 1, 2, 3 })
        {
            cache.Store(tenant.Connection with { CompanyId = company });
        }

        Assert.Equal(3, cache.KeptTenants);
        time.Advance(TenantConnections.Lifetime + TimeSpan.FromSeconds(1));
        await cache.GetAsync(Company);

        Assert.Equal(1, cache.KeptTenants);
    }

    [Fact]
    public async Task A_tenant_still_being_set_up_is_asked_every_time()
    {
        tenant.Connection = tenant.Connection with { NewsletterField = null };
        await cache.GetAsync(Company);
        await cache.GetAsync(Company);

        Assert.Equal(2, tenant.Calls);
    }

    [Fact]
    public async Task An_access_token_about_to_expire_is_fetched_again()
    {
        tenant.Connection = Ready(time.GetUtcNow().AddMinutes(1));
        await cache.GetAsync(Company);
        await cache.GetAsync(Company);

        Assert.Equal(2, tenant.Calls);
    }

    [Fact]
    public async Task Invalidating_an_older_copy_keeps_the_newer_one()
    {
        var old = await cache.GetAsync(Company);
        var refreshed = old with { ConfigVersion = 3 };
        cache.Store(refreshed);
        cache.Invalidate(old);

        Assert.Same(refreshed, await cache.GetAsync(Company));
        cache.Invalidate(refreshed);
        await cache.GetAsync(Company);
        Assert.Equal(2, tenant.Calls);
    }

    [Fact]
    public async Task A_pipedrive_call_refused_with_401_is_repeated_once_with_the_refreshed_token()
    {
        tenant.Connection = Ready(time.GetUtcNow().AddHours(1), secrets.Protect("old-token"));
        tenant.Refreshed = Ready(time.GetUtcNow().AddHours(1), secrets.Protect("new-token"));
        var tokens = new List<string>();

        var answer = await cache.CallPipedriveAsync(Company, connection =>
        {
            tokens.Add(connection.AccessToken);
            return connection.AccessToken == "old-token"
                ? throw new PipedriveApiException("GetPerson", ApiFailureKind.Unauthorized, 401, "expired", null, null, null)
                : Task.FromResult("answer");
        });

        Assert.Equal("answer", answer);
        Assert.Equal(["old-token", "new-token"], tokens);
        Assert.Equal(1, tenant.Refreshes);
        await cache.CallPipedriveAsync(Company, connection => Task.FromResult(tokens.Count));
        Assert.Equal(1, tenant.Calls); // the refreshed connection is the one kept
    }

    [Fact]
    public async Task A_second_401_after_the_refresh_reaches_the_caller()
    {
        tenant.Connection = Ready(time.GetUtcNow().AddHours(1), secrets.Protect("old-token"));
        tenant.Refreshed = Ready(time.GetUtcNow().AddHours(1), secrets.Protect("new-token"));

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => cache.CallPipedriveAsync<string>(Company, _ =>
            throw new PipedriveApiException("GetPerson", ApiFailureKind.Unauthorized, 401, "revoked", null, null, null)));

        Assert.Equal(ApiFailureKind.Unauthorized, failure.Kind);
        Assert.Equal(1, tenant.Refreshes);
    }

    [Fact]
    public async Task A_maileon_call_refused_with_a_key_replaced_meanwhile_is_repeated_once_with_the_current_connection()
    {
        tenant.Connection = Ready(time.GetUtcNow().AddHours(1)) with { MaileonApiKey = secrets.Protect("old-key") };
        var kept = await cache.GetAsync(Company);
        // The admin saves a new key on another silo: this silo's copy keeps the old one for up to its lifetime.
        tenant.Connection = tenant.Connection with { MaileonApiKey = secrets.Protect("new-key"), ConfigVersion = 2 };
        var keys = new List<string>();

        var answer = await cache.CallMaileonAsync(kept, maileon =>
        {
            keys.Add(maileon.ApiKey);
            return maileon.ApiKey == "old-key"
                ? throw new MaileonApiException("UpdateContact", ApiFailureKind.Unauthorized, 401, "invalid key", null)
                : Task.FromResult("answer");
        });

        Assert.Equal("answer", answer);
        Assert.Equal(["old-key", "new-key"], keys);
        Assert.Equal(2, tenant.Calls);
        Assert.Equal("new-key", cache.Maileon(await cache.GetAsync(Company)).ApiKey);
        Assert.Equal(2, tenant.Calls); // the current connection is the one kept
    }

    [Fact]
    public async Task A_maileon_refusal_when_the_settings_did_not_change_reaches_the_caller_without_a_repeat()
    {
        tenant.Connection = Ready(time.GetUtcNow().AddHours(1)) with { MaileonApiKey = secrets.Protect("key") };
        var connection = await cache.GetAsync(Company);
        var calls = 0;

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => cache.CallMaileonAsync<string>(connection, _ =>
        {
            calls++;
            throw new MaileonApiException("UpdateContact", ApiFailureKind.Forbidden, 403, "no permission", null);
        }));

        Assert.Equal(ApiFailureKind.Forbidden, failure.Kind);
        Assert.Equal(1, calls);
        Assert.Equal(2, tenant.Calls); // asked once whether the key had changed
    }

    [Fact]
    public async Task A_pipedrive_refusal_inside_a_maileon_call_is_not_taken_for_a_replaced_key()
    {
        tenant.Connection = Ready(time.GetUtcNow().AddHours(1)) with { MaileonApiKey = secrets.Protect("key") };
        var connection = await cache.GetAsync(Company);
        // A token refresh meanwhile bumps the settings version as a key save does.
        tenant.Connection = tenant.Connection with { ConfigVersion = 2 };
        var calls = 0;

        await Assert.ThrowsAsync<PipedriveApiException>(() => cache.CallMaileonAsync<string>(connection, _ =>
        {
            calls++;
            throw new PipedriveApiException("GetPerson", ApiFailureKind.Unauthorized, 401, "revoked", null, null, null);
        }));

        Assert.Equal(1, calls);
        Assert.Equal(1, tenant.Calls); // the tenant was not even asked
    }

    [Fact]
    public async Task Without_an_authorisation_or_a_key_the_caller_is_told_credentials_are_missing()
    {
        tenant.Connection = Ready(time.GetUtcNow().AddHours(1)) with { Status = TenantStatus.NeedsReauthorization, MaileonApiKey = null };
        var connection = await cache.GetAsync(Company);

        Assert.Throws<TenantCredentialsException>(() => cache.Pipedrive(connection));
        Assert.Throws<TenantCredentialsException>(() => cache.Maileon(connection));
    }

    private static TenantConnection Ready(DateTimeOffset tokenExpiry, ProtectedSecret? token = null) => new()
    {
        CompanyId = Company,
        Status = TenantStatus.Active,
        ConfigVersion = 1,
        PipedriveApiBase = new Uri("https://acme.pipedrive.example"),
        PipedriveAccessToken = token ?? new ProtectedSecret("token"),
        AccessTokenExpiresAt = tokenExpiry,
        MaileonApiKey = new ProtectedSecret("key"),
        NewsletterField = new NewsletterFieldConfig("abc", 7, new Dictionary<NewsletterOption, long>()),
    };

    /// <summary>Answers <see cref="ITenantGrain.GetConnection"/> and <see cref="ITenantGrain.RefreshAccessToken"/>, counting the calls.</summary>
    public class TenantGrainStub(TenantConnection connection) : DispatchProxy
    {
        public TenantGrainStub()
            : this(null!)
        {
        }

        public TenantConnection Connection { get; set; } = connection;

        public int Calls { get; private set; }

        public TenantConnection? Refreshed { get; set; }

        public int Refreshes { get; private set; }

        private TenantGrainStub? target;
        private ITenantGrain? grain;

        public static IGrainFactory Factory(TenantGrainStub stub)
        {
            var grain = Create<ITenantGrain, TenantGrainStub>();
            ((TenantGrainStub)(object)grain).target = stub;
            var factory = Create<IGrainFactory, TenantGrainStub>();
            ((TenantGrainStub)(object)factory).target = stub;
            stub.grain = grain;
            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var owner = target!;
            switch (targetMethod?.Name)
            {
                case nameof(ITenantGrain.GetConnection):
                    owner.Calls++;
                    return Task.FromResult(owner.Connection);
                case nameof(ITenantGrain.RefreshAccessToken):
                    owner.Refreshes++;
                    return Task.FromResult(owner.Refreshed ?? owner.Connection);
                case nameof(IGrainFactory.GetGrain) when targetMethod.IsGenericMethod && targetMethod.GetGenericArguments()[0] == typeof(ITenantGrain):
                    return owner.grain;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
