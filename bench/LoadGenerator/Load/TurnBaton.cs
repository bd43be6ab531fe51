using System.Diagnostics;
using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// Lets the load generators of clusters running side by side on one machine take turns, so only one cluster is loaded
/// at a time and all of them are measured over the same minutes: identical clusters measured one after another
/// differed by about twice what the noise within each explains, so topologies measured that way compared the
/// machine's moments as much as the topologies.
/// One file holds the number of the step under way (bench.sh writes 0 into it first). In its turn <c>t</c>, member
/// <c>m</c> of <c>n</c> owns step <c>t·n + m</c>, or <c>t·n + (n − 1 − m)</c> when <c>t</c> is odd: the order runs
/// forward and back (0 1 2 3 3 2 1 0 0 1 …), so a drift over a round falls on every member alike. Every member takes
/// the same number of steps; one that stops with steps left marks the file abandoned, and the others fail at once
/// instead of waiting for a turn that never comes.
/// </summary>
public sealed class TurnBaton : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly string path;
    private readonly TimeSpan patience;
    private int taken;

    public TurnBaton(string path, int member, int members, int steps, TimeSpan patience)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(member, members);
        this.path = path;
        this.patience = patience;
        Member = member;
        Members = members;
        Steps = steps;
    }

    public int Member { get; }

    public int Members { get; }

    /// <summary>The steps every member takes in all.</summary>
    public int Steps { get; }

    private string AbandonedPath => path + ".abandoned";

    /// <summary>The step that <paramref name="member"/> of <paramref name="members"/> owns in its turn <paramref name="turn"/> (0-based).</summary>
    public static int StepOf(int member, int members, int turn) => (turn * members) + (turn % 2 == 0 ? member : members - 1 - member);

    /// <summary>Waits until this member's next step is under way; disposing the answer passes the baton on.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken = default)
    {
        if (taken >= Steps)
        {
            throw new InvalidOperationException($"Member {Member} has taken all of its {Steps} steps.");
        }

        var step = StepOf(Member, Members, taken);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (File.Exists(AbandonedPath))
            {
                throw new InvalidOperationException($"Another load generator stopped before its turns were done ({File.ReadAllText(AbandonedPath).Trim()}).");
            }

            var current = Current();
            if (current == step)
            {
                taken++;
                return new Turn(this, step);
            }

            if (current > step)
            {
                throw new InvalidOperationException($"Step {current} is under way, past member {Member}'s step {step}: do two generators have the same --turn?");
            }

            if (clock.Elapsed > patience)
            {
                throw new TimeoutException($"Member {Member} of {Members} waited {patience.TotalMinutes:0} minutes for step {step}; step {current} is still under way.");
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>Marks the turns abandoned when this member stops with steps left (a failed run), so the others stop waiting.</summary>
    public void Dispose()
    {
        if (taken < Steps && !File.Exists(AbandonedPath))
        {
            File.WriteAllText(AbandonedPath, $"member {Member} of {Members} after {taken} of {Steps} steps{Environment.NewLine}");
        }
    }

    private int Current()
    {
        var text = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? step
            : throw new InvalidOperationException($"The turns file {path} holds no step number (\"{text}\"): bench.sh writes 0 into it before starting the generators.");
    }

    /// <summary>The step after <paramref name="step"/> is under way: written beside the file and renamed over it, so a reader sees one number or the other.</summary>
    private void Pass(int step)
    {
        var next = $"{path}.{Member}.tmp";
        File.WriteAllText(next, (step + 1).ToString(CultureInfo.InvariantCulture));
        File.Move(next, path, overwrite: true);
    }

    private sealed class Turn(TurnBaton baton, int step) : IDisposable
    {
        private bool passed;

        public void Dispose()
        {
            if (!passed)
            {
                passed = true;
                baton.Pass(step);
            }
        }
    }
}
