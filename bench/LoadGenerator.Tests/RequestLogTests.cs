using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public void An_appended_slice_is_shifted_to_its_place_in_the_phase_and_answers_its_length()
    {
        var phase = new RequestLog();
        var first = new RequestLog();
        first.Add(new RequestSample(0, 10, 200));
        first.Add(new RequestSample(2990, 30, 200));
        var second = new RequestLog();
        second.Add(new RequestSample(5, 20, 503));

        var firstLength = phase.Append(first, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        var secondLength = phase.Append(second, firstLength + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        Assert.Equal(3020, firstLength.TotalMilliseconds, 3);
        Assert.Equal(3000, secondLength.TotalMilliseconds, 3);
        Assert.Equal([0, 2990, 4025], phase.Samples.Select(s => s.StartedMs).Order());
        Assert.Equal(503, phase.Samples.Single(s => s.StartedMs > 4000).Status);
    }
}
