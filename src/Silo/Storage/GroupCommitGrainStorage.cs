using System.Globalization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PipedriveMaileon.Database.GrainState;

namespace PipedriveMaileon.Silo.Storage;

/// <summary>
/// Grain storage on the <c>OrleansStorage</c> table of Orleans' ADO.NET provider (same rows, keys, hashes, versions
/// and payloads, so states written by either are read by the other), with two differences: concurrent writes of
/// different grains are committed together (<see cref="GroupCommitWriter"/>), and reads ride out a database restart.
/// Answers are those of the ADO.NET provider: a stale ETag gets <see cref="InconsistentStateException"/>, and a
/// failed write its exception, with nothing stored.
/// </summary>
public sealed class GroupCommitGrainStorage(
    string name,
    string serviceId,
    PostgresGrainStateStore store,
    GroupCommitWriter writer,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = await store.ReadAsync(GrainStateKeys.For(serviceId, stateName, grainId), CancellationToken.None);
        grainState.State = row?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) ?? Create<T>() : Create<T>();
        grainState.ETag = row?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = row?.Payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var version = await writer.WriteAsync(new GrainStateWrite(GrainStateKeys.For(serviceId, stateName, grainId), Version(grainState.ETag), payload))
            ?? throw Conflict("WriteState", stateName, grainId, grainState.ETag);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>Clears as the ADO.NET provider does without <c>DeleteStateOnClear</c>: the row stays, payload empty.</summary>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        var expected = Version(grainState.ETag) ?? throw Conflict("ClearState", stateName, grainId, grainState.ETag);
        var version = await writer.WriteAsync(new GrainStateWrite(GrainStateKeys.For(serviceId, stateName, grainId), expected, null))
            ?? throw Conflict("ClearState", stateName, grainId, grainState.ETag);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    /// <summary>At silo stop, after the grains' last writes: answers every write still waiting before the host goes.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(GroupCommitGrainStorage)}-{name}", ServiceLifecycleStage.ApplicationServices,
            _ => Task.CompletedTask, async _ => await writer.DisposeAsync());

    private static int? Version(string? etag) =>
        string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Version conflict ({operation}): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={grainId} ETag={etag}.");

    private T Create<T>() => activators.GetActivator<T>().Create();
}
