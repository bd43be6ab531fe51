namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>The Pipedrive objects whose webhooks the app handles.</summary>
public enum PipedriveEntity
{
    Person,
    Deal,
}
