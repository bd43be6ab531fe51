namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// The daily-budget cost of each operation, from the <c>x-token-cost</c> of Pipedrive's OpenAPI specs
/// (the server does not report the cost of a call).
/// </summary>
public static class PipedriveTokenCosts
{
    public const int GetCurrentUser = 2;
    public const int GetUser = 2;
    public const int ListPersonFields = 20;
    public const int CreatePersonField = 10;
    public const int DeletePersonField = 6;
    public const int GetPerson = 1;
    public const int UpdatePerson = 5;
    public const int ListPersons = 10;
    public const int SearchPersons = 20;
    public const int GetOrganization = 1;
    public const int GetDeal = 1;
    public const int ListWebhooks = 10;
    public const int CreateWebhook = 10;
    public const int DeleteWebhook = 6;
    public const int CreateActivity = 5;
    public const int UpdateActivity = 5;
    public const int GetActivity = 1;
    public const int ListActivities = 10;
    public const int CreateNote = 10;
    public const int UpdateNote = 10;
    public const int ListNotes = 20;
    public const int OAuth = 0;
}
