using System.Net.Sockets;
using System.Text;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class RawWireTests(KestrelSandboxFactory factory) : IClassFixture<KestrelSandboxFactory>
{
    /// <summary>
    /// Maileon answers 505 to a raw space in the query (its request-line parser reads the rest as the HTTP version).
    /// Kestrel rejects such a request line with 400 before any emulator code runs, so the sandbox cannot answer 505;
    /// this pins that the request is refused and never reaches the contact store.
    /// </summary>
    [Fact]
    public async Task Raw_space_in_the_query_string_is_refused_before_the_emulator_sees_it()
    {
        var key = Convert.ToBase64String(Encoding.UTF8.GetBytes("7a3f2c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(factory.BaseAddress.Host, factory.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST /1.0/contacts/email/raw%40example.com?src=pipedrive app HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic {key}\r\nContent-Type: application/vnd.maileon.api+xml\r\nContent-Length: 10\r\nConnection: close\r\n\r\n<contact/>";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 400", statusLine, StringComparison.Ordinal);

        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", key);
        var lookup = await client.GetAsync("/1.0/contacts/email/raw%40example.com");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, lookup.StatusCode);
    }
}
