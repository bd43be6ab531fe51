using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using static PipedriveMaileon.UnitTests.Webhooks.PipedriveWebhookExamples;

namespace PipedriveMaileon.UnitTests.Webhooks;

/// <summary>A parsed person event keeps which fields were present through a grain call; stored JSON lists them as before.</summary>
public sealed class PersonEventWireTests
{
    [Fact]
    public void Present_fields_survive_the_grain_call_serializer()
    {
        var parsed = PipedriveWebhookParserV2Tests.ParsePerson(V2PersonChange);
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var received = serializer.Deserialize<PersonEvent>(serializer.SerializeToArray(parsed));

        Assert.NotNull(received);
        Assert.Equal(parsed.Current!.PresentFields.Order(), received.Current!.PresentFields.Order());
        Assert.Equal(parsed.Previous!.PresentFields.Order(), received.Previous!.PresentFields.Order());
        Assert.True(received.Current.Has("emails"));
        Assert.False(received.Previous.Has("emails"));
        Assert.Equal(parsed.Current.PrimaryEmail, received.Current.PrimaryEmail);
    }

    [Fact]
    public void Stored_json_still_lists_the_present_fields()
    {
        var snapshot = new PersonSnapshot { Id = 7, Name = "Ann", PresentFields = new HashSet<string> { "name", "org_id" } };

        var json = JsonSerializer.Serialize(snapshot);

        Assert.Contains("\"PresentFields\":[\"name\",\"org_id\"]", json, StringComparison.Ordinal);
        Assert.DoesNotContain("presentFields", json, StringComparison.Ordinal);
        Assert.True(snapshot.Has("org_id"));
        Assert.False(snapshot.Has("emails"));
    }
}
