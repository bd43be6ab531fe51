using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The Maileon contact body for a person, plus notes for the activity log about values that were cut, converted
/// loosely or left out (a left-out field keeps its value in Maileon).
/// </summary>
public sealed record MaileonContactMapping(MaileonContactData Data, IReadOnlyList<string> Notes);
