namespace PipedriveMaileon.Web.Settings;

/// <summary>Reads a panel's view from the cluster: a panel that cannot be read just now says so instead of failing the page.</summary>
public static class PanelRead
{
    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }
}
