namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes (then fails with a useful message).</summary>
public static class Eventually
{
    public static async Task TrueAsync(
        Func<Task<bool>> condition,
        TimeSpan timeout,
        Func<string> failureMessage,
        Func<bool>? giveUpWhen = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
            {
                last = ex;
            }

            if (giveUpWhen?.Invoke() == true)
            {
                break;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(failureMessage() + (last is null ? string.Empty : $"\nLast error: {last.Message}"));
    }
}
