using Microsoft.Extensions.Options;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>Real time, with the modelled waiting times scaled by <see cref="SandboxOptions.TimeScale"/>.</summary>
public sealed class SandboxClock(IOptions<SandboxOptions> options, TimeProvider time)
{
    public DateTimeOffset UtcNow => time.GetUtcNow();

    public TimeSpan Scale(TimeSpan modelled) => modelled * options.Value.TimeScale;

    public Task Delay(TimeSpan modelled, CancellationToken cancellationToken = default) =>
        Task.Delay(Scale(modelled), time, cancellationToken);
}
