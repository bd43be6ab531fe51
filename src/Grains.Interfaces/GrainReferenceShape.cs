namespace PipedriveMaileon.Grains.Interfaces;

/// <summary>
/// The grain type and interface type behind <typeparamref name="TGrain"/>, learnt from the first reference made the
/// usual way. <c>IGrainFactory.GetGrain&lt;T&gt;(key, extension)</c> resolves the interface type from the CLR type
/// by reflection (its attributes, else its formatted name) on every call, a few percent of a web node's CPU on the
/// webhook path; the pair cannot change while the process runs (one implementation per interface, fixed at build),
/// so later references are made from the grain id and the interface type directly.
/// </summary>
internal static class GrainReferenceShape<TGrain>
    where TGrain : IGrainWithIntegerCompoundKey
{
    private static Shape? known;

    public static TGrain Get(IGrainFactory grains, long key, string keyExtension)
    {
        if (known is { } shape)
        {
            var id = GrainId.Create(shape.GrainType, GrainIdKeyExtensions.CreateIntegerKey(key, keyExtension));
            return (TGrain)grains.GetGrain(id, shape.InterfaceType);
        }

        var grain = grains.GetGrain<TGrain>(key, keyExtension);
        if (grain is GrainReference reference)
        {
            known = new Shape(reference.GrainId.Type, reference.InterfaceType);
        }

        return grain;
    }

    private sealed record Shape(GrainType GrainType, GrainInterfaceType InterfaceType);
}
