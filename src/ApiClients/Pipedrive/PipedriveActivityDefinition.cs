namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// The fields of <c>POST</c>/<c>PATCH /api/v2/activities</c> the app writes: a done activity of a type (its
/// <c>key_string</c>, e.g. <c>email</c>) on one person, with an HTML note and the day it happened (<c>YYYY-MM-DD</c>).
/// </summary>
public sealed record PipedriveActivityDefinition(string Subject, string Type, long PersonId, bool Done, string? Note, DateOnly? DueDate);
