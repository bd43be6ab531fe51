namespace PipedriveMaileon.Database.GrainState;

/// <summary>
/// Identifies one row of <c>OrleansStorage</c> the way Orleans' ADO.NET storage provider does: the service, the state
/// name (<c>GrainTypeString</c>) with its hash, and the grain key split into two numbers and a string extension, with
/// the key's hash. Rows written by that provider and by ours are the same rows.
/// </summary>
public readonly record struct GrainStateKey(
    string ServiceId,
    string GrainType,
    int GrainTypeHash,
    int GrainIdHash,
    long N0,
    long N1,
    string? Extension)
{
    public override string ToString() => $"{GrainType}/{N0:x}-{N1}{(Extension is null ? "" : "+" + Extension)}";
}
