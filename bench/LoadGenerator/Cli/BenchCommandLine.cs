using System.CommandLine;
using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Cli;

/// <summary>
/// The load generator's command line (System.CommandLine; <c>--help</c> on every command). <c>run</c> measures one
/// topology into a fragment file, <c>render</c> turns fragments into the report. Defaults live in
/// <see cref="BenchArguments"/>; <c>--tiny</c> shrinks every count and duration not given explicitly.
/// </summary>
public static class BenchCommandLine
{
    public static RootCommand Create(Func<BenchArguments, CancellationToken, Task<int>> run, Func<BenchArguments, CancellationToken, Task<int>> render) =>
        Build(new Definition(), run, render);

    /// <summary>Parses without running anything; every error in one <see cref="ArgumentException"/>.</summary>
    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var definition = new Definition();
        var result = Build(definition, (_, _) => Task.FromResult(0), (_, _) => Task.FromResult(0)).Parse([.. args]);
        if (result.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        }

        var command = result.CommandResult.Command.Name;
        return command is "run" or "render"
            ? definition.Bind(result, command)
            : throw new ArgumentException("The first argument must be run or render.");
    }

    private static RootCommand Build(Definition definition, Func<BenchArguments, CancellationToken, Task<int>> run, Func<BenchArguments, CancellationToken, Task<int>> render)
    {
        var runCommand = new Command("run", "Measure one running topology (web nodes, silos, sandbox, PostgreSQL) and write its fragment.");
        foreach (var option in definition.RunOptions)
        {
            runCommand.Options.Add(option);
        }

        runCommand.SetAction((result, cancellationToken) => run(definition.Bind(result, "run"), cancellationToken));
        var renderCommand = new Command("render", "Write the report (markdown, JSON, SVG plots) from fragments.")
        {
            definition.Fragment, definition.Out, definition.Notes,
        };
        renderCommand.SetAction((result, cancellationToken) => render(definition.Bind(result, "render"), cancellationToken));
        return new RootCommand("PipedriveMaileon load and latency benchmark (driven by ./bench.sh).") { runCommand, renderCommand };
    }

    private sealed class Definition
    {
        public Option<string> Web { get; } = Text("--web", "Web front ends, comma separated (round robin); on 127.0.0.1 only.", required: true, check: v => Check(() => Urls(v)));
        public Option<string> Pipedrive { get; } = Text("--pipedrive", "The Pipedrive emulator's URL.", check: v => Check(() => Loopback(v)));
        public Option<string> Maileon { get; } = Text("--maileon", "The Maileon emulator's URL.", check: v => Check(() => Loopback(v)));
        public Option<string> Postgres { get; } = Text("--postgres", "Connection string of the bench database (reference bound, statements, WAL).");
        public Option<string> SiloPids { get; } = Text("--silo-pids", "Silo process ids, comma separated (CPU, memory, quotas).", check: v => Check(() => Pids("--silo-pids", v)));
        public Option<string> SiloMetrics { get; } = Text("--silo-metrics", "Each silo's Prometheus metrics URL, comma separated (silo-to-silo requests, directory, GC pauses); on 127.0.0.1 or localhost only.", check: v => Check(() => Urls(v)));
        public Option<string> WebPids { get; } = Text("--web-pids", "Web node process ids, comma separated.", check: v => Check(() => Pids("--web-pids", v)));
        public Option<int> PostgresPid { get; } = Number("--postgres-pid", "The postmaster's pid (it and its children are PostgreSQL's CPU).", 1);
        public Option<int> Warmup { get; } = Number("--warmup", "Seconds of unmeasured load before saturation (default 8).", 0);
        public Option<int> Silos { get; } = Number("--silos", "Silos in this topology (for the report).", 1);
        public Option<string> Mode { get; } = Choice("--mode", "full: every measurement; scaleout: saturation and loss check only.", "full", "scaleout");
        public Option<bool> Tiny { get; } = new("--tiny") { Description = "Seconds-long smoke run: shrinks every count and duration not given." };
        public Option<int> Seed { get; } = Number("--seed", "Random seed (default 1).", 0);
        public Option<int> Tenants { get; } = Number("--tenants", "Tenants installed for the load (default 20).", 1);
        public Option<int> Persons { get; } = Number("--persons", "Persons per tenant the load cycles through, each once before any twice (default 100).", 1);
        public Option<int> Duration { get; } = Number("--duration", "Seconds per measured phase (default 15).", 1);
        public Option<int> Concurrency { get; } = Number("--concurrency", "Requests in flight in closed-loop phases (default 32).", 1);
        public Option<int> MaxConcurrency { get; } = Number("--max-concurrency", "Most requests in flight the full run's rate phases probe, doubling from --concurrency; each is measured at its fastest level (default 8 x --concurrency; tiny and scale-out runs: none).", 1);
        public Option<int> Activations { get; } = Number("--activations", "Contact grains activated for memory per grain (default 100000).", 0);
        public Option<int> Subscribes { get; } = Number("--subscribes", "Subscribe webhooks followed to Maileon (default 500).", 0);
        public Option<int> Deals { get; } = Number("--deals", "Deal events (default 300).", 0);
        public Option<int> Drain { get; } = Number("--drain", "Longest wait in seconds for outstanding Maileon calls (default 60).", 1);
        public Option<int> FirstSyncPersons { get; } = Number("--first-sync-persons", "Persons of the lived-in account whose first sync is measured (default 5000; 0 skips).", 0);
        public Option<int> IdleTenants { get; } = Number("--idle-tenants", "Tenants installed to measure an idle tenant's silo memory (default 1000; 0 skips).", 0);
        public Option<int> TenantIdleWait { get; } = Number("--tenant-idle-wait", "Seconds the idle tenants sit before the last memory reading, so their grains are collected (default 210; 0 skips).", 0);
        public Option<double> CpuQuota { get; } = Quota();
        public Option<string> QuotaOn { get; } = Choice("--quota-on", "Which processes --cpu-quota constrains (default silos).", "silos", "webs");
        public Option<string> Turns { get; } = Text("--turns", "A file the generators of clusters running side by side take turns through, one cluster loaded at a time (bench.sh writes 0 into it first); needs --turn.");
        public Option<string> Turn { get; } = Text("--turn", "This generator's place among those taking turns, as member/members, 0-based: 2/4.", check: v => Check(() => Place(v)));
        public Option<int> Slices { get; } = Number("--slices", "Slices each capped phase is measured in when taking turns (default 6).", 1);
        public Option<string[]> Fragment { get; } = new("--fragment") { Description = "Fragment file (run: written; render: read, repeatable).", Required = true };
        public Option<string> Out { get; } = Text("--out", "Report folder (default bench/results).");
        public Option<string> Notes { get; } = Text("--notes", "A line for the report's head.");

        public IEnumerable<Option> RunOptions =>
        [
            Web, Pipedrive, Maileon, Postgres, SiloPids, SiloMetrics, WebPids, PostgresPid, Warmup, Silos, Mode, Tiny, Seed, Tenants, Persons,
            Duration, Concurrency, MaxConcurrency, Activations, Subscribes, Deals, Drain, FirstSyncPersons, IdleTenants, TenantIdleWait, CpuQuota, QuotaOn, Turns, Turn, Slices, Fragment,
        ];

        public BenchArguments Bind(ParseResult result, string command)
        {
            var a = new BenchArguments { Command = command };
            if (command == "run" && result.GetValue(Tiny))
            {
                a = a.Shrunk();
            }

            var fragments = result.GetValue(Fragment) ?? [];
            a = a with { Fragments = fragments, Fragment = fragments.LastOrDefault() };
            a = Given(result, Web, a, (x, v) => x with { WebUrls = Urls(v) });
            a = Given(result, Pipedrive, a, (x, v) => x with { PipedriveSandbox = Loopback(v) });
            a = Given(result, Maileon, a, (x, v) => x with { MaileonSandbox = Loopback(v) });
            a = Given(result, Postgres, a, (x, v) => x with { Postgres = v });
            a = Given(result, SiloPids, a, (x, v) => x with { SiloPids = Pids("--silo-pids", v) });
            a = Given(result, SiloMetrics, a, (x, v) => x with { SiloMetrics = Urls(v) });
            a = Given(result, WebPids, a, (x, v) => x with { WebPids = Pids("--web-pids", v) });
            a = Given(result, PostgresPid, a, (x, v) => x with { PostgresPid = v });
            a = Given(result, Warmup, a, (x, v) => x with { Warmup = TimeSpan.FromSeconds(v) });
            a = Given(result, Silos, a, (x, v) => x with { Silos = v });
            a = Given(result, Mode, a, (x, v) => x with { Mode = v });
            a = Given(result, Seed, a, (x, v) => x with { Seed = v });
            a = Given(result, Tenants, a, (x, v) => x with { Tenants = v });
            a = Given(result, Persons, a, (x, v) => x with { PersonsPerTenant = v });
            a = Given(result, Duration, a, (x, v) => x with { PhaseDuration = TimeSpan.FromSeconds(v) });
            a = Given(result, Concurrency, a, (x, v) => x with { Concurrency = v });
            a = Given(result, MaxConcurrency, a, (x, v) => x with { MaxConcurrency = v });
            a = Given(result, Activations, a, (x, v) => x with { Activations = v });
            a = Given(result, Subscribes, a, (x, v) => x with { Subscribes = v });
            a = Given(result, Deals, a, (x, v) => x with { DealEvents = v });
            a = Given(result, Drain, a, (x, v) => x with { DrainTimeout = TimeSpan.FromSeconds(v) });
            a = Given(result, FirstSyncPersons, a, (x, v) => x with { FirstSyncPersons = v });
            a = Given(result, IdleTenants, a, (x, v) => x with { IdleTenants = v });
            a = Given(result, TenantIdleWait, a, (x, v) => x with { TenantIdleWait = TimeSpan.FromSeconds(v) });
            a = Given(result, CpuQuota, a, (x, v) => x with { CpuQuota = v });
            a = Given(result, QuotaOn, a, (x, v) => x with { QuotaOn = v });
            a = Given(result, Turns, a, (x, v) => x with { TurnsFile = v });
            a = Given(result, Turn, a, (x, v) => x with { Turn = Place(v) });
            a = Given(result, Slices, a, (x, v) => x with { Slices = v });
            if (a.TurnsFile is not null && result.GetResult(Turn) is null or { Implicit: true })
            {
                throw new ArgumentException("--turns needs --turn (this generator's place, e.g. 2/4).");
            }

            a = Given(result, Out, a, (x, v) => x with { OutDirectory = v });
            return Given(result, Notes, a, (x, v) => x with { Notes = v });
        }

        private static BenchArguments Given<T>(ParseResult result, Option<T> option, BenchArguments arguments, Func<BenchArguments, T, BenchArguments> apply) =>
            result.GetResult(option) is { Implicit: false } ? apply(arguments, result.GetValue(option)!) : arguments;
    }

    private static Option<string> Text(string name, string description, bool required = false, Func<string, string?>? check = null)
    {
        var option = new Option<string>(name) { Description = description, Required = required };
        if (check is not null)
        {
            option.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<string>() is { } value && check(value) is { } error)
                {
                    r.AddError(error);
                }
            });
        }

        return option;
    }

    private static Option<int> Number(string name, string description, int minimum)
    {
        var option = new Option<int>(name) { Description = description };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < minimum)
            {
                r.AddError($"{name} needs a whole number of at least {minimum}.");
            }
        });
        return option;
    }

    private static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static Option<double> Quota()
    {
        var option = new Option<double>("--cpu-quota")
        {
            Description = "Cores each constrained process may use during saturation (cgroup v1 cpu quota, e.g. 0.1); skipped with a note where cgroups are not writable.",
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 64)
            {
                r.AddError("--cpu-quota is a number of cores above 0 (e.g. 0.1).");
            }
        });
        return option;
    }

    private static string? Check(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }

    private static List<Uri> Urls(string value) => [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Loopback)];

    private static List<int> Pids(string name, string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v =>
            int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid >= 1 ? pid : throw new ArgumentException($"{name}: '{v}' is not a process id."))];

    /// <summary>"2/4": member 2 (0-based) of 4.</summary>
    private static (int Member, int Members) Place(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var member)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var members)
            && member < members
            ? (member, members)
            : throw new ArgumentException($"--turn: '{value}' is not member/members with member below members (0-based), e.g. 2/4.");
    }

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
