namespace PipedriveMaileon.Grains.Interfaces.Operations;

/// <summary>
/// An operator's end-to-end check of the cluster: a call that reaches a silo, writes a value durably and reads it
/// back. Keyed by any string the operator chooses; holds no tenant data.
/// </summary>
public interface IClusterProbeGrain : IGrainWithStringKey
{
    /// <summary>Stores the value durably and returns the stored record.</summary>
    Task<ProbeRecord> Write(string value);

    /// <summary>Returns what is stored (a record with no writes when nothing was written).</summary>
    Task<ProbeRecord> Read();
}
