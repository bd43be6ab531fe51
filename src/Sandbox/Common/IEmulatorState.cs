using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>The in-memory state of one emulated service: reset by tests, snapshotted so a demo survives a restart.</summary>
public interface IEmulatorState
{
    EmulatorKind Emulator { get; }

    void Reset();

    JsonNode Export();

    void Import(JsonNode snapshot);
}
