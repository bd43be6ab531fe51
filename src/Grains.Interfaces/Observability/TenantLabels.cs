using System.Collections.Concurrent;
using System.Globalization;

namespace PipedriveMaileon.Grains.Interfaces.Observability;

/// <summary>
/// The <c>tenant</c> metric label, bounded: the first <see cref="Limit"/> tenants seen get their own label (the
/// company id), later ones share <see cref="Other"/>, so a large installation base cannot blow up the series count.
/// Disabled, every tenant is <see cref="Other"/> (callers then leave the tag off). Labels are cached strings, so a
/// hot path asking for a known tenant allocates nothing.
/// </summary>
public sealed class TenantLabels
{
    public const string Other = "other";

    /// <summary>Default cap: comfortably above today's installations, far below what a Prometheus server minds.</summary>
    public const int DefaultLimit = 1000;

    private readonly ConcurrentDictionary<long, string> labels = new();

    public TenantLabels(bool enabled, int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Enabled = enabled && limit > 0;
        Limit = limit;
    }

    /// <summary>True when metrics carry a tenant label at all.</summary>
    public bool Enabled { get; }

    public int Limit { get; }

    /// <summary>How many tenants have a label of their own.</summary>
    public int Count => labels.Count;

    public string For(long companyId)
    {
        if (!Enabled)
        {
            return Other;
        }

        if (labels.TryGetValue(companyId, out var label))
        {
            return label;
        }

        if (labels.Count >= Limit)
        {
            return Other;
        }

        // Two threads racing past the check may overshoot the cap by a few labels; harmless.
        return labels.GetOrAdd(companyId, static id => id.ToString(CultureInfo.InvariantCulture));
    }
}
