namespace PipedriveMaileon.Sandbox.Pipedrive.Api;

/// <summary>
/// A forced rate-limit answer: 429 with <c>Retry-After</c> for the next <see cref="Remaining"/> API calls and/or until
/// <see cref="Until"/>, for one company (null = all). <see cref="DailyBudget"/> makes it look like a spent daily budget.
/// </summary>
public sealed record RateLimitRule(long? CompanyId, int? Remaining, DateTimeOffset? Until, int RetryAfterSeconds, bool DailyBudget);
