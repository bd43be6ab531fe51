namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>One request: when it was due after the phase start, how long until the answer, and the status (0 = no answer).</summary>
public readonly record struct RequestSample(double StartedMs, double LatencyMs, int Status)
{
    public bool Acknowledged => Status is >= 200 and < 300;
}
