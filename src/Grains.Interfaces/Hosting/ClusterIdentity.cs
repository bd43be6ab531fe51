namespace PipedriveMaileon.Grains.Interfaces.Hosting;

/// <summary>
/// Configuration keys and defaults that silos and clients must agree on to form one cluster. The service id
/// namespaces every stored row, so it must never change for a deployment.
/// </summary>
public static class ClusterIdentity
{
    public const string ClusterIdKey = "Orleans:ClusterId";
    public const string ServiceIdKey = "Orleans:ServiceId";
    public const string DefaultClusterId = "pipedrive-maileon";
    public const string DefaultServiceId = "pipedrive-maileon";

    /// <summary>The ADO.NET invariant of the PostgreSQL driver.</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>The grain storage provider every grain's persistent state uses.</summary>
    public const string StorageProvider = "store";
}
