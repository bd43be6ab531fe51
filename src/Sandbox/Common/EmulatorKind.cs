namespace PipedriveMaileon.Sandbox.Common;

/// <summary>Which emulated service a request belongs to.</summary>
public enum EmulatorKind
{
    Pipedrive,
    Maileon,
}
