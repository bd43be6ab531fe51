using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Cli;

/// <summary>What one invocation of the load generator does. <c>run</c> measures one topology into a fragment file;
/// <c>render</c> turns fragments into the report.</summary>
public sealed record BenchArguments
{
    public string Command { get; init; } = "run";

    /// <summary>Web front ends the webhooks are spread over (round robin).</summary>
    public IReadOnlyList<Uri> WebUrls { get; init; } = [];

    public Uri? PipedriveSandbox { get; init; }

    public Uri? MaileonSandbox { get; init; }

    /// <summary>Server the reference bound (b) commits to; the bench creates and drops its own table.</summary>
    public string? Postgres { get; init; }

    public IReadOnlyList<int> SiloPids { get; init; } = [];

    /// <summary>Web node processes, for CPU time per webhook.</summary>
    public IReadOnlyList<int> WebPids { get; init; } = [];

    /// <summary>The postmaster of the bench's PostgreSQL: it and its children are counted for CPU time per webhook.</summary>
    public int? PostgresPid { get; init; }

    /// <summary>
    /// Closed-loop load for distinct persons before the saturation phase, not measured: JIT tiering, connection pools
    /// and Orleans' caches warm up, so saturation measures a running service rather than its first seconds.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>full: every measurement; scaleout: saturation and loss check only.</summary>
    public string Mode { get; init; } = "full";

    public int Silos { get; init; } = 1;

    public bool Tiny { get; init; }

    public int Seed { get; init; } = 1;

    public int Tenants { get; init; } = 20;

    public int PersonsPerTenant { get; init; } = 2000;

    public TimeSpan PhaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public int Concurrency { get; init; } = 32;

    /// <summary>Contact grains activated for the memory measurement.</summary>
    public int Activations { get; init; } = 100_000;

    /// <summary>Subscribe webhooks whose Maileon call is awaited (end-to-end latency, API economy).</summary>
    public int Subscribes { get; init; } = 500;

    public int DealEvents { get; init; } = 300;

    /// <summary>Longest wait for outstanding Maileon calls after the last webhook.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? Fragment { get; init; }

    public IReadOnlyList<string> Fragments { get; init; } = [];

    public string OutDirectory { get; init; } = "bench/results";

    public string? Notes { get; init; }

    public static string Usage => """
        usage: LoadGenerator run --web URL[,URL] --pipedrive URL --maileon URL --postgres CONN [--silo-pids P[,P]]
                                 [--web-pids P[,P]] [--postgres-pid P] [--warmup SECONDS] [--silos N] [--mode full|scaleout] [--tiny] [--seed N] [--tenants N] [--persons N]
                                 [--duration SECONDS] [--concurrency N] [--activations N] [--subscribes N]
                                 [--deals N] [--drain SECONDS] --fragment FILE
               LoadGenerator render --fragment FILE [--fragment FILE ...] [--out DIR] [--notes TEXT]
        """;

    /// <summary>Parses the command line; <c>--tiny</c> shrinks every count and duration not given explicitly.</summary>
    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("run" or "render"))
        {
            throw new ArgumentException("The first argument must be run or render.");
        }

        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var fragments = new List<string>();
        var tiny = false;
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--tiny")
            {
                tiny = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument {name}.");
            }

            var value = args[++i];
            if (name == "--fragment")
            {
                fragments.Add(value);
            }
            else
            {
                given[name[2..]] = value;
            }
        }

        var result = new BenchArguments { Command = args[0], Tiny = tiny, Fragments = fragments, Fragment = fragments.LastOrDefault() };
        if (tiny)
        {
            result = result with
            {
                Tenants = 2, PersonsPerTenant = 200, PhaseDuration = TimeSpan.FromSeconds(2), Concurrency = 8, Warmup = TimeSpan.FromSeconds(1),
                Activations = 300, Subscribes = 20, DealEvents = 10, DrainTimeout = TimeSpan.FromSeconds(10),
            };
        }

        foreach (var (name, value) in given)
        {
            result = name switch
            {
                "web" => result with { WebUrls = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Loopback).ToList() },
                "pipedrive" => result with { PipedriveSandbox = Loopback(value) },
                "maileon" => result with { MaileonSandbox = Loopback(value) },
                "postgres" => result with { Postgres = value },
                "silo-pids" => result with { SiloPids = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Int(name, v, 1)).ToList() },
                "web-pids" => result with { WebPids = value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Int(name, v, 1)).ToList() },
                "postgres-pid" => result with { PostgresPid = Int(name, value, 1) },
                "warmup" => result with { Warmup = TimeSpan.FromSeconds(Int(name, value, 0)) },
                "silos" => result with { Silos = Int(name, value, 1) },
                "mode" => value is "full" or "scaleout" ? result with { Mode = value } : throw new ArgumentException("--mode is full or scaleout."),
                "seed" => result with { Seed = Int(name, value, 0) },
                "tenants" => result with { Tenants = Int(name, value, 1) },
                "persons" => result with { PersonsPerTenant = Int(name, value, 1) },
                "duration" => result with { PhaseDuration = TimeSpan.FromSeconds(Int(name, value, 1)) },
                "concurrency" => result with { Concurrency = Int(name, value, 1) },
                "activations" => result with { Activations = Int(name, value, 0) },
                "subscribes" => result with { Subscribes = Int(name, value, 0) },
                "deals" => result with { DealEvents = Int(name, value, 0) },
                "drain" => result with { DrainTimeout = TimeSpan.FromSeconds(Int(name, value, 1)) },
                "out" => result with { OutDirectory = value },
                "notes" => result with { Notes = value },
                _ => throw new ArgumentException($"Unknown option --{name}."),
            };
        }

        if (result.Command == "run" && (result.WebUrls.Count == 0 || result.Fragment is null))
        {
            throw new ArgumentException("run needs --web and --fragment.");
        }

        if (result.Command == "render" && result.Fragments.Count == 0)
        {
            throw new ArgumentException("render needs at least one --fragment.");
        }

        return result;
    }

    private static int Int(string name, string value, int minimum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= minimum
            ? parsed
            : throw new ArgumentException($"--{name} needs a whole number of at least {minimum}, not '{value}'.");

    /// <summary>The bench only ever talks to this machine.</summary>
    private static Uri Loopback(string value)
    {
        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme != "http")
        {
            throw new ArgumentException($"'{value}' is not an http URL.");
        }

        return uri.Host is "127.0.0.1" or "localhost" or "[::1]"
            ? uri
            : throw new ArgumentException($"'{value}' is not on 127.0.0.1: the bench sends traffic to this machine only.");
    }
}
