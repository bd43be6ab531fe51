namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>Maileon's numeric permission codes.</summary>
public static class Permission
{
    public const int None = 1;
    public const int SingleOptIn = 2;
    public const int ConfirmedOptIn = 3;
    public const int DoubleOptIn = 4;
    public const int DoubleOptInPlus = 5;
    public const int Other = 6;

    public static bool IsValid(int code) => code is >= None and <= Other;

    public static bool IsDoi(int code) => code is DoubleOptIn or DoubleOptInPlus;

    /// <summary>The lower-case names Maileon uses in contact-filter lists (<c>permissionType</c>).</summary>
    public static string TypeName(int code) => code switch
    {
        None => "none",
        SingleOptIn => "soi",
        ConfirmedOptIn => "coi",
        DoubleOptIn => "doi",
        DoubleOptInPlus => "doi+",
        Other => "other",
        _ => "unknown",
    };

    /// <summary>The read-only PERMISSION_STATUS standard field of an active contact.</summary>
    public static string Status(int code) => code == None ? "none" : "available";
}
