using System.Globalization;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Outbox;

/// <summary>The probe's effect handler: what each effect "does" comes from <see cref="ScriptedEffects"/>.</summary>
public sealed class ProbeEffects(ScriptedEffects script) : IEffectHandler<ProbeWork>
{
    public Task<EffectOutcome> ExecuteAsync(EffectRequest<ProbeWork> request, CancellationToken cancellationToken) =>
        script.NextAsync(request.CompanyId.ToString(CultureInfo.InvariantCulture), request.Command.Name, request.Attempt);
}
