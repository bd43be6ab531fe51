namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A person taking part in an activity; the primary one is the activity's <c>person_id</c>.</summary>
public sealed record ActivityParticipant(long PersonId, bool Primary);
