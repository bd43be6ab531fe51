using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

namespace PipedriveMaileon.Sandbox.Pipedrive;

/// <summary>The serialised form of the Pipedrive emulator's state (the snapshot file's <c>pipedrive</c> section).</summary>
public sealed class PipedriveSnapshot
{
    public PipedriveIds Ids { get; set; } = new();
    public List<Company> Companies { get; set; } = [];
    public List<User> Users { get; set; } = [];
    public List<Organization> Organizations { get; set; } = [];
    public List<Person> Persons { get; set; } = [];
    public List<Deal> Deals { get; set; } = [];
    public List<Activity> Activities { get; set; } = [];
    public List<Note> Notes { get; set; } = [];
    public List<PersonField> Fields { get; set; } = [];
    public List<Webhook> Webhooks { get; set; } = [];
    public List<TokenGrant> AccessTokens { get; set; } = [];
    public List<TokenGrant> RefreshTokens { get; set; } = [];
    public List<DeliveryRecord> Deliveries { get; set; } = [];
}
