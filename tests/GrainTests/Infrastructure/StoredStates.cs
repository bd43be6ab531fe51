using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>Puts a state into the test cluster's storage as a grain would find it on activation (e.g. after a crash).</summary>
public static class StoredStates
{
    /// <summary>The JSON of a state captured from an earlier version of the code (<c>StoredStates/*.json</c>).</summary>
    public static string Captured(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StoredStates", name + ".json"));

    /// <summary>A captured state read as the silo's storage serializer reads it (System.Text.Json, fields included, compact).</summary>
    public static T Read<T>(string name) => System.Text.Json.JsonSerializer.Deserialize<T>(Captured(name), SerializerOptions)!;

    /// <summary>The storage serializer's JSON options (System.Text.Json, fields included, compact).</summary>
    public static System.Text.Json.JsonSerializerOptions SerializerOptions { get; } = CreateReadOptions();

    private static System.Text.Json.JsonSerializerOptions CreateReadOptions()
    {
        var options = new Orleans.Serialization.SystemTextJsonGrainStorageSerializerOptions().JsonSerializerOptions;
        PipedriveMaileon.Grains.Hosting.CompactStateJson.Apply(options);
        return options;
    }

    /// <summary>Stores <paramref name="state"/> for <paramref name="grainId"/>, as if the grain had written it.</summary>
    public static Task WriteAsync<T>(IServiceProvider silo, GrainId grainId, string stateName, T state)
        where T : class, new() =>
        silo.GetRequiredKeyedService<IGrainStorage>(ClusterIdentity.StorageProvider).WriteStateAsync(stateName, grainId, new GrainState<T>(state));

    /// <summary>What the grain stored last for <paramref name="grainId"/> (a fresh state when it stored nothing).</summary>
    public static async Task<T> ReadAsync<T>(IServiceProvider silo, GrainId grainId, string stateName)
        where T : class, new()
    {
        var stored = new GrainState<T>(new T());
        await silo.GetRequiredKeyedService<IGrainStorage>(ClusterIdentity.StorageProvider).ReadStateAsync(stateName, grainId, stored);
        return stored.State ?? new T();
    }

    /// <summary>Reads <paramref name="json"/> with the storage's own serializer and stores it for <paramref name="grainId"/>.</summary>
    public static async Task<T> SeedAsync<T>(IServiceProvider silo, GrainId grainId, string stateName, string json)
        where T : class, new()
    {
        var serializer = silo.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>().Get(ClusterIdentity.StorageProvider).GrainStorageSerializer;
        var state = serializer.Deserialize<T>(BinaryData.FromString(json)) ?? throw new InvalidOperationException("The stored state JSON is empty.");
        await silo.GetRequiredKeyedService<IGrainStorage>(ClusterIdentity.StorageProvider).WriteStateAsync(stateName, grainId, new GrainState<T>(state));
        return state;
    }
}
