using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>What a person's Newsletter field should show now (null: empty).</summary>
public sealed record PersonFieldUpdate(long PersonId, NewsletterOption? Option);
