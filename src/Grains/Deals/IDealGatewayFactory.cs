namespace PipedriveMaileon.Grains.Deals;

/// <summary>Creates the <see cref="IDealGateway"/> of a tenant (a silo singleton; tests replace it).</summary>
public interface IDealGatewayFactory
{
    IDealGateway Create(long companyId);
}
