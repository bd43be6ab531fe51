using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>
/// The clients as the application registers them (options, resilience, DI), with a recording stub as the
/// transport. With <c>fakeTime</c> the resilience pipeline waits on a <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class ApiClientHarness : IDisposable
{
    public const string ClientId = "test-client-id";
    public const string ClientSecret = "client-secret-7f3a9c2e";
    public const string OAuthBase = "http://127.0.0.1:5101";
    public const string MaileonBase = "http://127.0.0.1:5102/1.0";

    private readonly ServiceProvider services;

    public ApiClientHarness(IReadOnlyDictionary<string, string?>? settings = null, bool fakeTime = false, ILoggerProvider? logs = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 27, 6, 54, 41, TimeSpan.Zero));
        TimeProvider clock = fakeTime ? Time : TimeProvider.System;
        Handler = new StubHttpHandler(clock);

        var values = new Dictionary<string, string?>
        {
            ["Pipedrive:ClientId"] = ClientId,
            ["Pipedrive:ClientSecret"] = ClientSecret,
            ["Pipedrive:OAuthBaseUrl"] = OAuthBase,
            ["Pipedrive:Resilience:RetryBaseDelay"] = "00:00:00.001",
            ["Maileon:BaseUrl"] = MaileonBase,
            ["Maileon:Resilience:RetryBaseDelay"] = "00:00:00.001",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        if (logs is not null)
        {
            services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }

        services.AddPipedriveClients(configuration);
        services.AddMaileonClients(configuration);
        services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = Handler));
        this.services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public StubHttpHandler Handler { get; }

    public PipedriveOAuthClient OAuth => services.GetRequiredService<PipedriveOAuthClient>();

    public PipedriveApiClient Pipedrive => services.GetRequiredService<PipedriveApiClient>();

    public PipedriveRateLimitTracker RateLimits => services.GetRequiredService<PipedriveRateLimitTracker>();

    public MaileonAccount MaileonAccount => services.GetRequiredService<MaileonAccount>();

    public MaileonContacts MaileonContacts => services.GetRequiredService<MaileonContacts>();

    public MaileonCustomFields MaileonCustomFields => services.GetRequiredService<MaileonCustomFields>();

    public MaileonTransactionTypes MaileonTransactionTypes => services.GetRequiredService<MaileonTransactionTypes>();

    public MaileonTransactions MaileonTransactions => services.GetRequiredService<MaileonTransactions>();

    public MaileonWebhooks MaileonWebhooks => services.GetRequiredService<MaileonWebhooks>();

    public MaileonReports MaileonReports => services.GetRequiredService<MaileonReports>();

    public MaileonTrackingReports MaileonTrackingReports => services.GetRequiredService<MaileonTrackingReports>();

    public MaileonMailings MaileonMailings => services.GetRequiredService<MaileonMailings>();

    /// <summary>Moves fake time forward in small steps until the call completes (Polly's waits run on fake time).</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> call, TimeSpan step)
    {
        for (var i = 0; i < 2000 && !call.IsCompleted; i++)
        {
            await Task.Delay(1);
            Time.Advance(step);
        }

        return await call;
    }

    public void Dispose() => services.Dispose();
}
