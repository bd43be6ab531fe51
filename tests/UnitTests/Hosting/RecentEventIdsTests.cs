using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.UnitTests.Hosting;

public sealed class RecentEventIdsTests
{
    [Fact]
    public void A_remembered_id_is_seen_and_stored_as_a_short_digest()
    {
        var state = new ContactState();
        const string eventId = "4add1eae-1df6-42b4-93e2-79b0cffdd36f";

        state.Remember(eventId);

        Assert.True(state.HasSeen(eventId));
        Assert.False(state.HasSeen("9e92b0ce-635b-4b55-ad75-be39c6947bd3"));
        Assert.Equal(11, Assert.Single(state.RecentEvents).Length);
        Assert.DoesNotContain(eventId, state.RecentEvents);
    }

    [Fact]
    public void Full_ids_stored_before_are_still_seen()
    {
        var state = new ContactState { RecentEvents = ["e71357d1-1ae0-44f6-9662-4f8b50e8a62d"] };

        Assert.True(state.HasSeen("e71357d1-1ae0-44f6-9662-4f8b50e8a62d"));
        Assert.False(state.HasSeen("704b158f-86dc-4532-8f77-16d0ff1cf33a"));
    }

    [Fact]
    public void Only_the_latest_ids_are_kept()
    {
        var state = new ContactState();
        var ids = Enumerable.Range(0, ContactState.RememberedEvents + 5).Select(i => $"event-{i}").ToList();

        ids.ForEach(state.Remember);

        Assert.Equal(ContactState.RememberedEvents, state.RecentEvents.Count);
        Assert.All(ids.Take(5), id => Assert.False(state.HasSeen(id)));
        Assert.All(ids.Skip(5), id => Assert.True(state.HasSeen(id)));
    }

    [Fact]
    public void Digests_are_stable_and_tell_many_ids_apart()
    {
        // Stored digests are compared with digests made by later versions: the function must not change.
        Assert.Equal(RecentEventIds.Digest("4add1eae-1df6-42b4-93e2-79b0cffdd36f"), RecentEventIds.Digest("4add1eae-1df6-42b4-93e2-79b0cffdd36f"));
        // XXH3-64 of "hello world" is 0xd447b1ea40e6988b (the reference implementation's value).
        Assert.Equal("1Eex6kDmmIs", RecentEventIds.Digest("hello world"));
        var digests = Enumerable.Range(0, 100_000).Select(_ => RecentEventIds.Digest(Guid.NewGuid().ToString())).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(100_000, digests.Count);
    }
}
