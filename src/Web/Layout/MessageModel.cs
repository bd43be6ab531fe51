namespace PipedriveMaileon.Web.Layout;

/// <summary>
/// A short page of one outcome (installation results, refused sessions): a title, a sentence, an optional link, and
/// a <see cref="Kind"/> tests and scripts can tell apart. Rendered by <c>/Layout/Message.cshtml</c>.
/// </summary>
public sealed record MessageModel(string Kind, string Title, string Text, string? LinkText = null, string? LinkHref = null);
