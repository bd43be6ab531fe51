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
}
