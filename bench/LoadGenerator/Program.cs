using System.Text.Json;
using PipedriveMaileon.LoadGenerator;
using PipedriveMaileon.LoadGenerator.Cli;
using PipedriveMaileon.LoadGenerator.Reporting;

BenchArguments arguments;
try
{
    arguments = BenchArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

if (arguments.Command == "run")
{
    var result = await new BenchRun(arguments).RunAsync();
    await BenchRun.WriteFragmentAsync(result, arguments.Fragment!);
    Console.Error.WriteLine($"{result.Topology}: {result.Saturation?.AckedPerSecond:0} acked/s, {result.Saturation?.AnsweredPerSecond:0} answered/s");
    return 0;
}

var results = new List<TopologyResult>();
foreach (var fragment in arguments.Fragments)
{
    results.Add(JsonSerializer.Deserialize<TopologyResult>(await File.ReadAllTextAsync(fragment), ReportJson.Options)!);
}

var path = await ReportWriter.WriteAsync(results, arguments.OutDirectory, arguments.Notes);
Console.WriteLine(MarkdownReport.Summary(results));
Console.WriteLine($"Report: {path}.md (+ .json, -throughput.svg, -latency.svg)");
return 0;
