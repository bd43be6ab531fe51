namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>Waits for what the outbox does after a call returned.</summary>
public static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string? what = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not in time: {what ?? "condition"}");
            await Task.Delay(20);
        }
    }

    public static async Task<T> MatchesAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not in time; last seen: {value}");
            await Task.Delay(20);
        }
    }
}
