namespace PipedriveMaileon.Grains.Interfaces.Hosting;

/// <summary>A grain with an outbox: the sweeper wakes it when stored work is due but nobody is running it.</summary>
public interface IOutboxParticipant : IGrain
{
    /// <summary>Activates the grain (which resumes its due work) and returns.</summary>
    Task Wake();
}
