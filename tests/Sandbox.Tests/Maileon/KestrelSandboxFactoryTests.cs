using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class KestrelSandboxFactoryTests
{
    /// <summary>
    /// The sandbox's Program starts Kestrel on its own thread as soon as its host is built. Holding the factory's
    /// thread for a second after the build lets Kestrel always bind first, the order that made the fixture throw
    /// now and then in CI while it set its port after the build.
    /// </summary>
    [Fact]
    public async Task The_fixture_starts_when_kestrel_binds_before_the_factory_returns_from_the_build()
    {
        await using var factory = new SlowBuildFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", factory.BaseAddress.Host);
        Assert.NotEqual(0, factory.BaseAddress.Port);
    }

    private sealed class SlowBuildFactory : KestrelSandboxFactory
    {
        protected override IHost CreateHost(IHostBuilder builder) => base.CreateHost(new SlowBuilder(builder));
    }

    private sealed class SlowBuilder(IHostBuilder inner) : IHostBuilder
    {
        public IDictionary<object, object> Properties => inner.Properties;

        public IHost Build()
        {
            var host = inner.Build();
            Thread.Sleep(TimeSpan.FromSeconds(1));
            return host;
        }

        public IHostBuilder ConfigureAppConfiguration(Action<HostBuilderContext, IConfigurationBuilder> configureDelegate)
        {
            inner.ConfigureAppConfiguration(configureDelegate);
            return this;
        }

        public IHostBuilder ConfigureContainer<TContainerBuilder>(Action<HostBuilderContext, TContainerBuilder> configureDelegate)
        {
            inner.ConfigureContainer(configureDelegate);
            return this;
        }

        public IHostBuilder ConfigureHostConfiguration(Action<IConfigurationBuilder> configureDelegate)
        {
            inner.ConfigureHostConfiguration(configureDelegate);
            return this;
        }

        public IHostBuilder ConfigureServices(Action<HostBuilderContext, IServiceCollection> configureDelegate)
        {
            inner.ConfigureServices(configureDelegate);
            return this;
        }

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory)
            where TContainerBuilder : notnull
        {
            inner.UseServiceProviderFactory(factory);
            return this;
        }

        public IHostBuilder UseServiceProviderFactory<TContainerBuilder>(Func<HostBuilderContext, IServiceProviderFactory<TContainerBuilder>> factory)
            where TContainerBuilder : notnull
        {
            inner.UseServiceProviderFactory(factory);
            return this;
        }
    }
}
