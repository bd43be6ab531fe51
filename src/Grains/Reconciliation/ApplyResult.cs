namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>What applying one found item did.</summary>
public enum ApplyResult
{
    /// <summary>The owning grain recorded something new (the webhook had been missed).</summary>
    Applied,

    /// <summary>The owning grain knew it already (duplicate or nothing to do).</summary>
    Unchanged,

    /// <summary>Not ours to apply (another tenant's contact, no usable address, a deleted person).</summary>
    Skipped,
}
