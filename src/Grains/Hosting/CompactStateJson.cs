using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PipedriveMaileon.Grains.Hosting;

/// <summary>
/// Leaner stored grain state: a property is left out of the JSON when it holds exactly what a freshly constructed
/// instance holds (an empty collection from its initialiser, a value type or string equal to its initial value), so
/// reading the JSON back gives the same object. Nulls are already left out by the storage serializer's defaults.
/// Only classes with a parameterless constructor, and only settable, optional properties not bound to a
/// constructor parameter, take part. Old payloads (which carry these values) read exactly as before.
/// </summary>
public static class CompactStateJson
{
    /// <summary>Adds the modifier to <paramref name="options"/> (before its first use).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(OmitConstructionDefaults);
    }

    public static void OmitConstructionDefaults(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.IsValueType || typeInfo.CreateObject is null)
        {
            return;
        }

        object fresh;
        try
        {
            fresh = typeInfo.CreateObject();
        }
        catch (Exception ex) when (ex is MissingMethodException or InvalidOperationException or NotSupportedException or TargetInvocationException)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Get is null || property.Set is null || property.IsRequired || property.AssociatedParameter is not null
                || property.ShouldSerialize is not null || property.PropertyType.IsArray)
            {
                continue;
            }

            switch (property.Get(fresh))
            {
                case IEnumerable initialItems and not string when !HasItems(initialItems):
                    property.ShouldSerialize = static (_, value) => value is not IEnumerable items || HasItems(items);
                    break;
                case string initialText:
                    property.ShouldSerialize = (_, value) => !string.Equals(value as string, initialText, StringComparison.Ordinal);
                    break;
                case { } initial when property.PropertyType.IsValueType:
                    property.ShouldSerialize = (_, value) => !initial.Equals(value);
                    break;
            }
        }
    }

    private static bool HasItems(IEnumerable items)
    {
        if (items is ICollection collection)
        {
            return collection.Count > 0;
        }

        var enumerator = items.GetEnumerator();
        try
        {
            return enumerator.MoveNext();
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
    }
}
