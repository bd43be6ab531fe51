using System.Text.Json.Serialization;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// The ordered side effects of one grain. Entries run one at a time in order; a parked entry steps out of the
/// line so later ones are not held up forever. Plain data plus rules, stored as part of the grain state.
/// </summary>
public sealed class OutboxQueue<TWork>
    where TWork : class
{
    public List<OutboxEntry<TWork>> Entries { get; set; } = [];

    public long LastId { get; set; }

    /// <summary>
    /// When the next entry can run: the due time of the first entry not parked (entries run in order, so a later
    /// entry being due changes nothing while the one before it waits), or null when nothing does (parked entries
    /// wait for a person).
    /// </summary>
    public DateTimeOffset? NextDueAt() => Entries.FirstOrDefault(e => e.ParkedAt is null)?.DueAt;

    [JsonIgnore]
    public bool HasPending => Entries.Any(e => e.ParkedAt is null);

    [JsonIgnore]
    public IEnumerable<OutboxEntry<TWork>> Parked => Entries.Where(e => e.ParkedAt is not null);

    public OutboxEntry<TWork> Enqueue(TWork work, DateTimeOffset now)
    {
        var entry = new OutboxEntry<TWork> { Id = ++LastId, Work = work, CreatedAt = now, DueAt = now };
        Entries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Queues <paramref name="work"/> ahead of the entries already waiting, behind only those for which
    /// <paramref name="staysAhead"/> holds (earlier work of the same urgent kind keeps its order). For work that must
    /// not wait behind others, e.g. one held back for a credential it does not need itself. Effects still run one at a
    /// time, so an entry already in flight finishes first.
    /// </summary>
    public OutboxEntry<TWork> EnqueueAhead(TWork work, DateTimeOffset now, Func<TWork, bool> staysAhead)
    {
        ArgumentNullException.ThrowIfNull(staysAhead);
        var entry = Enqueue(work, now);
        Entries.RemoveAt(Entries.Count - 1);
        var index = Entries.FindIndex(e => !staysAhead(e.Work));
        Entries.Insert(index < 0 ? Entries.Count : index, entry);
        return entry;
    }

    /// <summary>The first entry not parked, if it is due.</summary>
    public OutboxEntry<TWork>? Head(DateTimeOffset now)
    {
        var head = Entries.FirstOrDefault(e => e.ParkedAt is null);
        return head is not null && head.DueAt <= now ? head : null;
    }

    public OutboxEntry<TWork>? Find(long id) => Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>
    /// Records an attempt's outcome. Returns what became of the entry. <paramref name="credentialsRenewedMeanwhile"/>:
    /// the tenant's credentials were renewed while the attempt was under way, so a refusal was for the old ones.
    /// </summary>
    public OutboxDisposition Record(long id, EffectOutcome outcome, DateTimeOffset now, RetryPolicy policy, double random, bool credentialsRenewedMeanwhile = false)
    {
        var entry = Find(id) ?? throw new InvalidOperationException($"Outbox entry {id} does not exist.");
        if (outcome is EffectOutcome.WaitingForCredentials)
        {
            // Refused for the tenant's credentials: nothing ran, and only an admin can fix it, so no attempt is used up.
            // Refused for credentials that were replaced meanwhile: it goes again at once with the new ones, still marked
            // as waiting, so a second refusal waits as usual (no loop).
            entry.LastError = outcome.Summary;
            entry.WaitingSince ??= now;
            entry.DueAt = credentialsRenewedMeanwhile ? now : now + policy.CredentialWait(random);
            return OutboxDisposition.WaitingForCredentials;
        }

        entry.Attempts++;
        entry.WaitingSince = null;
        switch (outcome)
        {
            case EffectOutcome.Succeeded:
                Entries.Remove(entry);
                if (Entries.Count == 0)
                {
                    Entries.Capacity = 0; // an idle grain keeps no empty array (most grains are idle)
                }

                return OutboxDisposition.Completed;
            case EffectOutcome.Transient { Hop: true }:
                // The cluster, not the effect, failed: like a throttle it does not count towards parking.
                entry.Throttles++;
                entry.LastError = outcome.Summary;
                entry.DueAt = now + policy.HopDelay(entry.Throttles, random);
                return OutboxDisposition.WillRetry;
            case EffectOutcome.Transient { Throttled: true } throttled:
                entry.Throttles++;
                entry.LastError = outcome.Summary;
                entry.DueAt = now + policy.Delay(Math.Min(entry.Throttles, 4), random, throttled.NotBefore);
                return OutboxDisposition.WillRetry;
            case EffectOutcome.Transient transient when entry.Attempts - entry.Throttles < policy.MaxAttempts:
                entry.LastError = outcome.Summary;
                entry.DueAt = now + policy.Delay(entry.Attempts - entry.Throttles, random, transient.NotBefore);
                return OutboxDisposition.WillRetry;
            default:
                entry.LastError = outcome.Summary;
                entry.ParkedAt = now;
                return OutboxDisposition.Parked;
        }
    }

    /// <summary>Puts the entries waiting for credentials back in line now (the tenant's credentials were renewed). Returns how many.</summary>
    public int ResumeWaiting(DateTimeOffset now)
    {
        var resumed = 0;
        foreach (var entry in Entries.Where(e => e.WaitingSince is not null && e.ParkedAt is null && e.DueAt > now))
        {
            entry.DueAt = now;
            resumed++;
        }

        return resumed;
    }

    /// <summary>Puts parked entries back in line (a person asked to retry). Returns how many.</summary>
    public int Unpark(DateTimeOffset now)
    {
        var parked = Entries.Where(e => e.ParkedAt is not null).ToList();
        foreach (var entry in parked)
        {
            entry.ParkedAt = null;
            entry.Attempts = 0;
            entry.Throttles = 0;
            entry.DueAt = now;
        }

        return parked.Count;
    }

    /// <summary>Drops entries whose work no longer matters (e.g. a pending update superseded by a newer one).</summary>
    public int RemoveWhere(Func<TWork, bool> obsolete) =>
        Entries.RemoveAll(e => e.Attempts == 0 && e.ParkedAt is null && obsolete(e.Work));
}
