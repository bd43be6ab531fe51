namespace PipedriveMaileon.Grains.Deals;

/// <summary>What a deal attribute is, before it meets the type an event type declares for it.</summary>
public enum DealAttributeKind
{
    /// <summary>A number, whole or not (<see cref="DealAttributeValue.Number"/>).</summary>
    Number,
    Text,
    Date,
    Timestamp,
    Boolean,
}
