using PipedriveMaileon.LoadGenerator.Cli;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class BenchArgumentsTests
{
    [Fact]
    public void Run_with_every_option()
    {
        var args = BenchArguments.Parse([
            "run", "--web", "http://127.0.0.1:5000,http://localhost:5001", "--pipedrive", "http://127.0.0.1:5101",
            "--maileon", "http://127.0.0.1:5102", "--postgres", "Host=127.0.0.1", "--silo-pids", "10,11", "--silos", "2",
            "--silo-metrics", "http://localhost:9464/metrics,http://127.0.0.1:9465/metrics",
            "--mode", "scaleout", "--seed", "7", "--tenants", "3", "--duration", "4", "--concurrency", "5",
            "--activations", "100", "--subscribes", "6", "--deals", "2", "--drain", "9", "--fragment", "/tmp/f.json",
        ]);
        Assert.Equal(2, args.WebUrls.Count);
        Assert.Equal([10, 11], args.SiloPids);
        Assert.Equal(["http://localhost:9464/metrics", "http://127.0.0.1:9465/metrics"], args.SiloMetrics.Select(u => u.ToString()));
        Assert.Equal("scaleout", args.Mode);
        Assert.Equal(7, args.Seed);
        Assert.Equal(TimeSpan.FromSeconds(4), args.PhaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(9), args.DrainTimeout);
        Assert.Equal("/tmp/f.json", args.Fragment);
    }

    [Fact]
    public void Tiny_shrinks_defaults_but_explicit_values_win()
    {
        var args = BenchArguments.Parse(["run", "--tiny", "--web", "http://127.0.0.1:1", "--fragment", "f", "--tenants", "4"]);
        Assert.True(args.Tiny);
        Assert.Equal(4, args.Tenants);
        Assert.Equal(TimeSpan.FromSeconds(2), args.PhaseDuration);
        Assert.True(args.Activations < 1000);
    }

    [Fact]
    public void Full_run_defaults_to_100k_activations()
    {
        var args = BenchArguments.Parse(["run", "--web", "http://127.0.0.1:1", "--fragment", "f"]);
        Assert.Equal(100_000, args.Activations);
    }

    [Fact]
    public void Only_a_full_run_probes_in_flight_levels_doubling_to_eight_times_the_concurrency_unless_told()
    {
        BenchArguments Run(params string[] more) => BenchArguments.Parse(["run", "--web", "http://127.0.0.1:1", "--fragment", "f", .. more]);
        Assert.Equal([32, 64, 128, 256], Run().SaturationLevels);
        Assert.Equal([10, 20, 40, 80], Run("--concurrency", "10", "--max-concurrency", "100").SaturationLevels);
        Assert.Equal([32], Run("--max-concurrency", "32").SaturationLevels);
        Assert.Equal([96], Run("--mode", "scaleout", "--concurrency", "96").SaturationLevels);
        Assert.Equal([8], Run("--tiny").SaturationLevels);
        Assert.Equal([50], Run("--concurrency", "50", "--max-concurrency", "20").SaturationLevels);
    }

    [Theory]
    [InlineData("run", "--web", "http://example.com", "--fragment", "f")]
    [InlineData("run", "--web", "http://127.0.0.1:1", "--fragment", "f", "--silo-metrics", "http://example.com:9464/metrics")]
    [InlineData("run", "--web", "http://127.0.0.1:1")]
    [InlineData("run", "--web", "http://127.0.0.1:1", "--fragment", "f", "--duration", "-1")]
    [InlineData("run", "--web", "http://127.0.0.1:1", "--fragment", "f", "--bogus", "1")]
    [InlineData("render")]
    [InlineData("explode")]
    public void Bad_command_lines_are_refused(params string[] argv) =>
        Assert.Throws<ArgumentException>(() => BenchArguments.Parse(argv));

    [Fact]
    public void New_options_for_idle_tenants_and_cpu_caps()
    {
        var args = BenchArguments.Parse(["run", "--web", "http://127.0.0.1:1", "--fragment", "f", "--idle-tenants", "1500", "--cpu-quota", "0.25", "--quota-on", "webs"]);
        Assert.Equal((1500, 0.25, "webs"), (args.IdleTenants, args.CpuQuota, args.QuotaOn));
        Assert.Null(BenchArguments.Parse(["run", "--web", "http://127.0.0.1:1", "--fragment", "f"]).CpuQuota);
        Assert.Throws<ArgumentException>(() => BenchArguments.Parse(["run", "--web", "http://127.0.0.1:1", "--fragment", "f", "--quota-on", "sandbox"]));
        Assert.Throws<ArgumentException>(() => BenchArguments.Parse(["run", "--web", "http://127.0.0.1:1", "--fragment", "f", "--cpu-quota", "0"]));
    }

    [Fact]
    public void Taking_turns_needs_a_place_below_the_number_of_members()
    {
        BenchArguments Run(params string[] more) => BenchArguments.Parse(["run", "--web", "http://127.0.0.1:1", "--fragment", "f", .. more]);
        var args = Run("--turns", "/tmp/turns", "--turn", "2/4", "--slices", "3");
        Assert.Equal(("/tmp/turns", (2, 4), 3), (args.TurnsFile, args.Turn, args.Slices));
        Assert.Equal((null, (0, 1), 6), (Run().TurnsFile, Run().Turn, Run().Slices));
        Assert.Throws<ArgumentException>(() => Run("--turns", "/tmp/turns"));
        Assert.Throws<ArgumentException>(() => Run("--turns", "/tmp/turns", "--turn", "4/4"));
        Assert.Throws<ArgumentException>(() => Run("--turns", "/tmp/turns", "--turn", "two/4"));
        Assert.Throws<ArgumentException>(() => Run("--slices", "0"));
    }

    [Fact]
    public async Task Help_lists_every_run_option()
    {
        var output = new StringWriter();
        var exit = await BenchCommandLine.Create((_, _) => Task.FromResult(1), (_, _) => Task.FromResult(1))
            .Parse(["run", "--help"]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output });
        Assert.Equal(0, exit);
        foreach (var option in new[] { "--web", "--tiny", "--idle-tenants", "--cpu-quota", "--quota-on", "--max-concurrency", "--turns", "--turn", "--slices", "--fragment" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_collects_every_fragment()
    {
        var args = BenchArguments.Parse(["render", "--fragment", "a.json", "--fragment", "b.json", "--out", "dir"]);
        Assert.Equal(["a.json", "b.json"], args.Fragments);
        Assert.Equal("dir", args.OutDirectory);
    }
}
