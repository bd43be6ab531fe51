namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

public sealed class PipedriveConsoleTests(PipedriveSandboxFactory factory) : IClassFixture<PipedriveSandboxFactory>
{
    [Fact]
    public async Task Console_lists_the_seed_escapes_output_and_creates_persons()
    {
        var http = factory.CreateClient(new() { AllowAutoRedirect = false });
        var created = await http.PostAsync("/pipedrive/persons", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["company"] = SandboxSession.DemoCompany.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = "<script>x</script>",
            ["email"] = "console@example.test",
        }));
        Assert.Equal(302, (int)created.StatusCode);

        var page = await http.GetStringAsync("/pipedrive");
        Assert.Contains("Demo GmbH", page, StringComparison.Ordinal);
        Assert.Contains("Max Mustermann", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x", page, StringComparison.Ordinal);
        Assert.Contains("http://app.test/pipedrive/install", page, StringComparison.Ordinal);
    }
}
