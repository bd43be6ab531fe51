using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Timers;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>How the pump gets its turns: calls of the grain to itself for work due now, a grain timer for work due later.</summary>
internal sealed partial class OutboxPump<TState, TWork, TCommand>
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
    where TCommand : class
{
    private IGrainTimer? stepTimer;
    /// <summary>Only when a call to the grain itself could not be sent (<see cref="RequestTurn"/>).</summary>
    private IGrainTimer? effectTimer;
    private IOutboxParticipant? self;
    /// <summary>A step call to the grain itself is on its way: Schedule asks for no second one.</summary>
    private bool stepRequested;
    /// <summary>Cancels the outbound call in flight when the activation stops (created with the first effect).</summary>
    private CancellationTokenSource? stopping;

    /// <summary>The step asked for by <see cref="RequestTurn"/>, arriving as a call.</summary>
    public Task StepFromCallAsync()
    {
        stepRequested = false;
        return StepAsync(CancellationToken.None);
    }

    /// <summary>The step call asked for may be lost: the next schedule asks for another.</summary>
    public void ForgetStepRequest() => stepRequested = false;

    /// <summary>The effect turn asked for by <see cref="RequestTurn"/>, arriving as a call.</summary>
    public Task PerformFromCallAsync() => PerformAsync(stopping?.Token ?? CancellationToken.None);

    /// <summary>The activation is deactivating: an outbound call still in flight is cancelled (its entry runs again later).</summary>
    public void Stop() => stopping?.Cancel();

    /// <summary>
    /// Asks for a turn of this activation with a one-way call to the grain itself: it queues behind the grain call in
    /// progress like a timer's tick. It carries no request's trace (the effect's span links to the work's origin). If
    /// the call cannot be sent, a timer gives the turn instead.
    /// </summary>
    private void RequestTurn(bool effect)
    {
        var trace = Activity.Current;
        Activity.Current = null;
        try
        {
            // Not context.GrainReference: the activation would keep that one for the rest of its life.
            self ??= services.Grains.GetGrain<IOutboxParticipant>(context.GrainId);
            _ = effect ? self.RunOutboxEffect() : self.RunOutboxStep();
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogTurnNotSent(ex);
        }
        finally
        {
            Activity.Current = trace;
        }

        if (effect)
        {
            (effectTimer ??= Register(PerformAsync, interleave: true)).Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        else
        {
            stepRequested = false;
            (stepTimer ??= Register(StepAsync, interleave: false)).Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private IGrainTimer Register(Func<CancellationToken, Task> callback, bool interleave) =>
        context.ActivationServices.GetRequiredService<ITimerRegistry>().RegisterGrainTimer(
            context,
            static (callback, cancellationToken) => callback(cancellationToken),
            callback,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = interleave, KeepAlive = true });
}
