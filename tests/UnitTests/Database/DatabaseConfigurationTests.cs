using Npgsql;
using PipedriveMaileon.Database.Connections;

namespace PipedriveMaileon.UnitTests.Database;

public sealed class DatabaseConfigurationTests
{
    [Fact]
    public void Tune_adds_pooling_defaults()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseConfiguration.Tune("Host=db;Database=app;Username=u;Maximum Pool Size=30"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(DatabaseConfiguration.DefaultMaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(DatabaseConfiguration.DefaultKeepaliveSeconds, tuned.KeepAlive);
        Assert.Equal(30, tuned.MaxPoolSize);
        Assert.Equal("db", tuned.Host);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0;Keepalive=0")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=0;KEEPALIVE=0")]
    public void Tune_keeps_what_the_operator_set(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseConfiguration.Tune(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.Equal(0, tuned.KeepAlive);
    }
}
