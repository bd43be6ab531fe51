namespace PipedriveMaileon.Grains.Interfaces.Tenants;

public enum SetupStepState
{
    Done,
    Failed,
    Skipped,
}
