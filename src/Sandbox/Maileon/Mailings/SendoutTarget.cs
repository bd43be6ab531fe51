namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>
/// Who a sendout goes to (body of <c>POST /_sandbox/maileon/mailings/{id}/send</c>): the account's active contacts
/// with one of <see cref="Permissions"/> (default DOI and DOI+), limited to <see cref="Emails"/> when given, and the
/// mailing's tracked <see cref="Links"/>.
/// </summary>
public sealed record SendoutTarget(List<int>? Permissions, List<string>? Emails, List<string>? Links);
