using Npgsql;
using NpgsqlTypes;
using PipedriveMaileon.Database.Connections;

namespace PipedriveMaileon.Database.GrainState;

/// <summary>
/// Reads and writes grain state rows in <c>OrleansStorage</c> (the contract of Orleans' ADO.NET provider, kept by our
/// migrations): one row per grain and state name, <c>Version</c> as the ETag. Writes go through
/// <c>orleans_storage_write_many</c>, many grains per call.
/// </summary>
public sealed class PostgresGrainStateStore(NpgsqlDataSource dataSource) : IGrainStateWriteExecutor
{
    private const string ReadSql = """
        SELECT PayloadBinary, Version
          FROM OrleansStorage
         WHERE ServiceId = $1 AND GrainTypeString = $2 AND GrainIdHash = $3 AND GrainIdN0 = $4 AND GrainIdN1 = $5
           AND GrainIdExtensionString IS NOT DISTINCT FROM $6
        """;

    private const string WriteSql = "SELECT orleans_storage_write_many($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    /// <summary>
    /// The stored row, or null when the grain has none. Rides out a database restart (see
    /// <see cref="TransientRetry.RideOutRestart"/>): an activation whose read fails fails the call that caused it.
    /// </summary>
    public Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) =>
        TransientRetry.ReadAsync(() => ReadOnceAsync(key, cancellationToken), TransientRetry.RideOutRestart, cancellationToken);

    public async Task<IReadOnlyList<int?>> WriteAsync(IReadOnlyList<GrainStateWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return [];
        }

        var serviceId = writes[0].Key.ServiceId;
        if (writes.Any(w => w.Key.ServiceId != serviceId))
        {
            throw new ArgumentException("One call writes the rows of one service.", nameof(writes));
        }

        await using var command = dataSource.CreateCommand(WriteSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        command.Parameters.Add(Array(NpgsqlDbType.Varchar, writes.Select(w => w.Key.GrainType).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Integer, writes.Select(w => w.Key.GrainTypeHash).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Integer, writes.Select(w => w.Key.GrainIdHash).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Bigint, writes.Select(w => w.Key.N0).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Bigint, writes.Select(w => w.Key.N1).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Varchar, writes.Select(w => w.Key.Extension).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Integer, writes.Select(w => w.ExpectedVersion).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Bytea, writes.Select(w => w.Payload).ToArray()));
        int?[] answers;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            answers = await reader.ReadAsync(cancellationToken) ? reader.GetFieldValue<int?[]>(0) : [];
        }

        if (answers.Length != writes.Count)
        {
            throw new InvalidOperationException($"orleans_storage_write_many answered {answers.Length} results for {writes.Count} writes.");
        }

        // The function answers like orleans_storage_write: on a conflict the caller's version (or NULL for a first write).
        var versions = new int?[writes.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            versions[i] = answers[i] is { } answer && answer != writes[i].ExpectedVersion ? answer : null;
        }

        return versions;
    }

    private async Task<StoredGrainState?> ReadOnceAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.GrainIdHash });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N0 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N1 });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)key.Extension ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredGrainState(reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0), reader.GetInt32(1));
    }

    private static NpgsqlParameter Array<T>(NpgsqlDbType elementType, T[] values) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | elementType };
}
