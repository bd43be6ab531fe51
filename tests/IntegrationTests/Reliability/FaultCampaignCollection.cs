namespace PipedriveMaileon.IntegrationTests.Reliability;

/// <summary>Runs alone: some scenarios restart the shared PostgreSQL server.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCampaignCollection
{
    public const string Name = "fault campaign";
}
