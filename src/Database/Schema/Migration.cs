using System.Security.Cryptography;
using System.Text;

namespace PipedriveMaileon.Database.Schema;

/// <summary>One versioned SQL script from <c>Migrations/NNNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalised, so an edited applied script is detected.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}
