using System.Globalization;

namespace PipedriveMaileon.Grains.Interfaces;

/// <summary>
/// How a tenant's person and deal grains are keyed: the entity id as the integer key and the company id, as a decimal
/// string, as the key extension. Written and read only here (see <see cref="GrainFactoryExtensions"/>).
/// </summary>
public static class CompanyKey
{
    public static string Format(long companyId) => companyId.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string? keyExtension) =>
        long.Parse(keyExtension ?? throw new InvalidOperationException("The grain's key names no company."), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The company and entity (person, deal) of a grain keyed this way.</summary>
    public static (long CompanyId, long EntityId) Of(IAddressable grain)
    {
        var entityId = grain.GetPrimaryKeyLong(out var keyExtension);
        return (Parse(keyExtension), entityId);
    }
}
