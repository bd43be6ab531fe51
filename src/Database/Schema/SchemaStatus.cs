namespace PipedriveMaileon.Database.Schema;

/// <summary>Which migrations a database has and which it still needs.</summary>
public sealed record SchemaStatus(IReadOnlyList<int> Applied, IReadOnlyList<Migration> Pending)
{
    public bool IsUpToDate => Pending.Count == 0;
}
