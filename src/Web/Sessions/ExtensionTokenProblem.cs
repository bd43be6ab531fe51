namespace PipedriveMaileon.Web.Sessions;

/// <summary>Why a Pipedrive iframe token was refused.</summary>
public enum ExtensionTokenProblem
{
    /// <summary>Not a JWT, or without the company, user or expiry.</summary>
    Malformed,

    /// <summary>Not signed with this app's extension secret using HS256.</summary>
    BadSignature,

    Expired,

    NotYetValid,

    /// <summary>Authentic, but the iframe URL names another company or user than the token.</summary>
    OtherCompanyOrUser,
}
