namespace PipedriveMaileon.Web.Operations;

/// <summary>
/// Configuration section <c>Operator</c>: the credentials for operator surfaces (metrics, dashboard, operator
/// pages). When unset those surfaces refuse every request.
/// </summary>
public sealed class OperatorOptions
{
    public const string Section = "Operator";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
