namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// What happened to the object. v2 sends <c>create</c>/<c>change</c>/<c>delete</c>; v1 sends
/// <c>added</c>/<c>updated</c>/<c>deleted</c>/<c>merged</c> (mapped to the same values; <c>merged</c> to <see cref="Merge"/>).
/// </summary>
public enum PipedriveAction
{
    Create,
    Change,
    Delete,

    /// <summary>v1 only: the object in <c>current</c> survived a merge (the other one gets a separate delete).</summary>
    Merge,
}
