namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>An option of the existing Newsletter field and the mark it stands for.</summary>
public sealed record ManifestOption(long Id, string Label, NewsletterMark Mark);
