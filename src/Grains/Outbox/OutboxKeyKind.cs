namespace PipedriveMaileon.Grains.Outbox;

/// <summary>How an outbox grain is keyed (see <see cref="Interfaces.CompanyKey"/>).</summary>
public enum OutboxKeyKind
{
    /// <summary>Integer key = company id (tenant-wide grains).</summary>
    Company,

    /// <summary>Integer key = person or deal id, key extension = company id.</summary>
    CompanyEntity,
}
