using System.Diagnostics.CodeAnalysis;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>The <c>type</c> of a transaction attribute. There is no datetime: use <see cref="Timestamp"/>.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members mirror Maileon's type names.")]
public enum MaileonAttributeType
{
    /// <summary>At most 1000 characters.</summary>
    String,
    Integer,
    Float,
    Boolean,

    /// <summary><c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c>, no zone.</summary>
    Timestamp,
    Json,
}
