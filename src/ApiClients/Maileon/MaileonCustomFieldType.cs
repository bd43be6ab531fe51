using System.Diagnostics.CodeAnalysis;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>The <c>type</c> of a custom contact field.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members mirror Maileon's type names.")]
public enum MaileonCustomFieldType
{
    /// <summary>At most 255 characters.</summary>
    String,
    Integer,
    Float,

    /// <summary><c>yyyy-MM-dd</c>.</summary>
    Date,
    Boolean,
}
