namespace PipedriveMaileon.IntegrationTests.Reliability;

/// <summary>One line of the campaign's report.</summary>
public sealed record ScenarioCount(string Scenario, int EventsSent, int Acknowledged, int EffectsExpected, int EffectsSeen, int Duplicates, int Lost, int WrongFinalStates)
{
    public override string ToString() =>
        $"{Scenario,-46} sent {EventsSent,4}  acked {Acknowledged,4}  effects expected {EffectsExpected,4}  seen {EffectsSeen,4}  duplicates {Duplicates,2}  lost {Lost,2}  wrong final states {WrongFinalStates,2}";
}
