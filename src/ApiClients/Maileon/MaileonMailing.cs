namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>A mailing as the mailing lists describe it (<c>&lt;mailing&gt;&lt;id/&gt;&lt;fields&gt;</c>; mailings/Mailing.php).</summary>
public sealed record MaileonMailing(long Id, string? Name, string? State, string? Type, string? ScheduleTime);
