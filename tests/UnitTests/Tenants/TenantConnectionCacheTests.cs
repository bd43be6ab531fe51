using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.UnitTests.Tenants;

public sealed class TenantConnectionCacheTests
{
    private const long Company = 42;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TenantGrainStub tenant;
    private readonly TenantConnectionCache cache;

    public TenantConnectionCacheTests()
    {
        tenant = new TenantGrainStub(Ready(time.GetUtcNow().AddHours(1)));
        cache = new TenantConnectionCache(TenantGrainStub.Factory(tenant), time);
    }

    [Fact]
    public async Task Grains_of_a_tenant_share_one_fetch_within_the_lifetime()
    {
        var first = await cache.GetAsync(Company);
        time.Advance(TenantConnectionCache.Lifetime - TimeSpan.FromSeconds(1));
        var second = await cache.GetAsync(Company);

        Assert.Same(first, second);
        Assert.Equal(1, tenant.Calls);
    }

    [Fact]
    public async Task A_settings_change_arrives_after_the_lifetime()
    {
        await cache.GetAsync(Company);
        tenant.Connection = tenant.Connection with { ConfigVersion = 2 };
        time.Advance(TenantConnectionCache.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(2, (await cache.GetAsync(Company)).ConfigVersion);
        Assert.Equal(2, tenant.Calls);
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

    private static TenantConnection Ready(DateTimeOffset tokenExpiry) => new()
    {
        CompanyId = Company,
        Status = TenantStatus.Active,
        ConfigVersion = 1,
        PipedriveApiBase = new Uri("https://acme.pipedrive.example"),
        PipedriveAccessToken = new ProtectedSecret("token"),
        AccessTokenExpiresAt = tokenExpiry,
        MaileonApiKey = new ProtectedSecret("key"),
        NewsletterField = new NewsletterFieldConfig("abc", 7, new Dictionary<NewsletterOption, long>()),
    };

    /// <summary>Answers <see cref="ITenantGrain.GetConnection"/> and counts the calls; nothing else is used.</summary>
    public class TenantGrainStub(TenantConnection connection) : DispatchProxy
    {
        public TenantGrainStub()
            : this(null!)
        {
        }

        public TenantConnection Connection { get; set; } = connection;

        public int Calls { get; private set; }

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
                case nameof(IGrainFactory.GetGrain) when targetMethod.IsGenericMethod && targetMethod.GetGenericArguments()[0] == typeof(ITenantGrain):
                    return owner.grain;
                default:
                    throw new NotSupportedException(targetMethod?.Name);
            }
        }
    }
}
