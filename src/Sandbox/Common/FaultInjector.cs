using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>Holds the active fault rules and decides, per request, which rule (if any) applies.</summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<string, ActiveRule> rules = new();

    public FaultRule Add(FaultRule rule)
    {
        var stored = rule with { Id = rule.Id ?? Guid.NewGuid().ToString("N") };
        rules[stored.Id!] = new ActiveRule(stored, new Regex(stored.PathPattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100)));
        return stored;
    }

    public IReadOnlyList<FaultRule> List(EmulatorKind emulator) =>
        rules.Values.Where(r => r.Rule.Emulator == emulator).Select(r => r.Rule).ToList();

    public bool Remove(string id) => rules.TryRemove(id, out _);

    public void Clear(EmulatorKind emulator)
    {
        foreach (var (id, rule) in rules)
        {
            if (rule.Rule.Emulator == emulator)
            {
                rules.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Returns the rule to apply to this request, counting it against the rule's budget.</summary>
    public FaultRule? Match(EmulatorKind emulator, string method, string path)
    {
        foreach (var active in rules.Values.OrderBy(r => r.Rule.Id, StringComparer.Ordinal))
        {
            var rule = active.Rule;
            if (rule.Emulator != emulator
                || (rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                || !active.Pattern.IsMatch(path))
            {
                continue;
            }

            var seen = Interlocked.Increment(ref active.Seen);
            if (seen <= rule.SkipFirst)
            {
                continue;
            }

            if (rule.Times is { } times && seen > rule.SkipFirst + times)
            {
                continue;
            }

            return rule;
        }

        return null;
    }

    private sealed class ActiveRule(FaultRule rule, Regex pattern)
    {
        public FaultRule Rule { get; } = rule;
        public Regex Pattern { get; } = pattern;
        public long Seen;
    }
}
