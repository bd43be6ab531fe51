namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>Who made an existing Maileon contact.</summary>
public enum ContactOrigin
{
    /// <summary>The incumbent Pipedrive app: <c>createdByPipedrive=true</c>, <c>pipedriveId</c> = company id, external id <c>{companyId}_{personId}</c>.</summary>
    Incumbent,

    /// <summary>A shop or CRM import: its own external id, <c>createdByPipedrive</c> absent or false.</summary>
    OtherSystem,

    /// <summary>A contact without external id (a manual import).</summary>
    NoExternalId,
}
