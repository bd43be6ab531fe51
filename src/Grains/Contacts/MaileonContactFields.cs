namespace PipedriveMaileon.Grains.Contacts;

/// <summary>Names of the Maileon contact fields the app fills (seed's contact field table).</summary>
public static class MaileonContactFields
{
    public const string FirstName = "FIRSTNAME";
    public const string LastName = "LASTNAME";
    public const string FullName = "FULLNAME";
    public const string Organization = "ORGANIZATION";

    public const string CreatedByPipedrive = "createdByPipedrive";
    public const string PipedriveId = "pipedriveId";
    public const string OwnerName = "owner_name";
    public const string OwnerEmail = "owner_email";
}
