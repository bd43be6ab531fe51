namespace PipedriveMaileon.Grains.Outbox;

/// <summary>What a state change decided; <see cref="Changed"/> false means nothing is written.</summary>
public interface IStateChange
{
    bool Changed { get; }
}
