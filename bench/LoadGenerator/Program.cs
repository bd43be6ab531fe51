using System.Text.Json;
using PipedriveMaileon.LoadGenerator;
using PipedriveMaileon.LoadGenerator.Cli;
using PipedriveMaileon.LoadGenerator.Reporting;

return await BenchCommandLine.Create(RunAsync, RenderAsync).Parse(args).InvokeAsync();

static async Task<int> RunAsync(BenchArguments arguments, CancellationToken cancellationToken)
{
    var result = await new BenchRun(arguments).RunAsync();
    await BenchRun.WriteFragmentAsync(result, arguments.Fragment!);
    Console.Error.WriteLine($"{result.Topology}: {result.Saturation?.AckedPerSecond:0} acked/s, {result.Saturation?.AnsweredPerSecond:0} answered/s");
    return 0;
}

static async Task<int> RenderAsync(BenchArguments arguments, CancellationToken cancellationToken)
{
    var results = new List<TopologyResult>();
    foreach (var fragment in arguments.Fragments)
    {
        results.Add(JsonSerializer.Deserialize<TopologyResult>(await File.ReadAllTextAsync(fragment, cancellationToken), ReportJson.Options)!);
    }

    var path = await ReportWriter.WriteAsync(results, arguments.OutDirectory, arguments.Notes);
    Console.WriteLine(MarkdownReport.Summary(results));
    Console.WriteLine($"Report: {path}.md (+ .json and SVG plots)");
    return 0;
}
