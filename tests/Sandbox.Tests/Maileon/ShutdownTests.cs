namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_host_while_a_webhook_call_hangs_does_not_wait_for_the_receiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMinutes(2);
        var factory = new MaileonSandboxFactory();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/doi", "doi");
        await account.CreateContactAsync("hang@example.com", "permission=1&sync_mode=1&doi=true");
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "hang@example.com" });
        await receiver.WaitForAsync(1);

        var disposal = factory.DisposeAsync().AsTask();
        var finished = await Task.WhenAny(disposal, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(disposal, finished);
        await disposal;
    }
}
