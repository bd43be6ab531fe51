namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>One capped scale-out series: the processes capped (silos or webs) and which phase its points are of.</summary>
public sealed record ScaleSeries(string On, bool ActivePersons, IReadOnlyList<ScalePoint> Points);
