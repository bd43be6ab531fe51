using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Operations;

namespace PipedriveMaileon.Grains.Operations;

public sealed class ClusterProbeGrain(
    [PersistentState("probe", ClusterIdentity.StorageProvider)] IPersistentState<ClusterProbeState> state,
    ILocalSiloDetails silo,
    TimeProvider time) : Grain, IClusterProbeGrain
{
    public async Task<ProbeRecord> Write(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        state.State.WrittenAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<ProbeRecord> Read() => Task.FromResult(Snapshot());

    private ProbeRecord Snapshot() =>
        new(state.State.Value, state.State.Writes, state.State.WrittenAt, silo.Name);
}
