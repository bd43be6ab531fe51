namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>The person whose data an existing Maileon contact carries (the incumbent wrote these fields).</summary>
internal sealed record ContactHolder(long CompanyId, long PersonId, string? Organization, string OwnerName, string OwnerEmail);
