namespace PipedriveMaileon.Sandbox.Maileon.Accounts;

/// <summary>A newsletter account with one full-privilege API key, created at start and on every reset.</summary>
public sealed class SeedAccountOptions
{
    public long Id { get; set; }
    public string Name { get; set; } = "Sandbox newsletter account";
    public string ApiKey { get; set; } = string.Empty;
    public long CustomerAccountId { get; set; } = 234;
    public string CustomerAccountName { get; set; } = "Sandbox Customer";

    /// <summary>Keys of the DOI mailings this account has; a <c>doimailing</c> naming another key sends no mail.</summary>
    public List<string> DoiMailingKeys { get; set; } = [];

    public static IReadOnlyList<SeedAccountOptions> Defaults { get; } =
    [
        new()
        {
            Id = 7997,
            Name = "Demo newsletter account",
            ApiKey = "7a3f2c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b",
            DoiMailingKeys = ["doi-default", "doi-plus"],
        },
        new()
        {
            Id = 7998,
            Name = "Second newsletter account",
            ApiKey = "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e",
            CustomerAccountId = 235,
            CustomerAccountName = "Other Customer",
            DoiMailingKeys = ["doi-default"],
        },
    ];
}
