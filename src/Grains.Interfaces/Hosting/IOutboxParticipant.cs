using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Hosting;

/// <summary>A grain with an outbox: the sweeper wakes it when stored work is due but nobody is running it.</summary>
public interface IOutboxParticipant : IGrain
{
    /// <summary>Activates the grain (which resumes its due work) and returns.</summary>
    Task Wake();

    /// <summary>
    /// Runs the work that waits for the tenant's credentials now instead of at its next slow retry: call it when the
    /// credentials were renewed (a reconnect, a new Maileon key). Returns how many entries were put back in line.
    /// </summary>
    Task<int> ResumeWaiting();

    /// <summary>
    /// The outbox's next step, in a non-interleaved turn: the outbox sends it to its own grain when work is due now
    /// (docs/DESIGN.md says why not a timer). Anyone may send it; with nothing due it does nothing.
    /// </summary>
    [OneWay]
    Task RunOutboxStep();

    /// <summary>
    /// The outbound call of the effect the last step started, in an interleaving turn (requests are served while it
    /// waits). Sent by the outbox to its own grain; with no effect waiting to start it does nothing.
    /// </summary>
    [OneWay]
    [AlwaysInterleave]
    Task RunOutboxEffect();
}
