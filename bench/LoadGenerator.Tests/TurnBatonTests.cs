using System.Collections.Concurrent;
using PipedriveMaileon.LoadGenerator.Load;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class TurnBatonTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("turns-").FullName;

    private string TurnsFile => Path.Combine(directory, "turns");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_order_runs_forward_and_then_back()
    {
        var owners = Enumerable.Range(0, 3)
            .SelectMany(turn => Enumerable.Range(0, 4).Select(member => (Step: TurnBaton.StepOf(member, 4, turn), member)))
            .OrderBy(x => x.Step)
            .ToList();

        Assert.Equal(Enumerable.Range(0, 12), owners.Select(x => x.Step));
        Assert.Equal([0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3], owners.Select(x => x.member));
    }

    [Fact]
    public async Task Members_in_separate_tasks_hold_their_turns_one_at_a_time_in_that_order()
    {
        File.WriteAllText(TurnsFile, "0");
        var held = new ConcurrentQueue<int>();
        var holding = 0;
        var overlaps = 0;

        async Task Member(int member)
        {
            using var baton = new TurnBaton(TurnsFile, member, 3, steps: 4, TimeSpan.FromSeconds(30));
            for (var turn = 0; turn < 4; turn++)
            {
                using (await baton.TakeAsync())
                {
                    if (Interlocked.Increment(ref holding) > 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    held.Enqueue(member);
                    await Task.Delay(15);
                    Interlocked.Decrement(ref holding);
                }
            }
        }

        // Started last first: each waits for its own steps, whatever the order the tasks start in.
        await Task.WhenAll(Member(2), Member(1), Member(0));

        Assert.Equal([0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0], held);
        Assert.Equal(0, overlaps);
        Assert.Equal("12", File.ReadAllText(TurnsFile));
        Assert.False(File.Exists(TurnsFile + ".abandoned"));
    }

    [Fact]
    public async Task A_member_that_stops_with_steps_left_stops_the_others_waiting()
    {
        File.WriteAllText(TurnsFile, "0");
        using (var stopping = new TurnBaton(TurnsFile, 0, 2, steps: 2, TimeSpan.FromMinutes(5)))
        {
            using (await stopping.TakeAsync())
            {
                // its first step's work fails here: the step is passed on and the member stops
            }
        }

        using var waiting = new TurnBaton(TurnsFile, 1, 2, steps: 2, TimeSpan.FromMinutes(5));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting.TakeAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("member 0 of 2 after 1 of 2 steps", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_generators_with_one_place_are_found_out()
    {
        File.WriteAllText(TurnsFile, "3");
        using var late = new TurnBaton(TurnsFile, 0, 2, steps: 2, TimeSpan.FromMinutes(5));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => late.TakeAsync());
        Assert.Contains("past member 0's step 0", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_has_an_end()
    {
        File.WriteAllText(TurnsFile, "0");
        using var patient = new TurnBaton(TurnsFile, 1, 2, steps: 2, TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAsync<TimeoutException>(() => patient.TakeAsync());
    }
}
