namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>
/// The query parameters of a contact write. <see cref="Permission"/> is null when the caller sent none (then 1 on
/// create, unchanged on update); <see cref="SyncMode"/> defaults to 2 ("ignore existing"), as Maileon's does.
/// </summary>
public sealed record ContactWriteOptions(
    int? Permission = null,
    int SyncMode = 2,
    bool Doi = false,
    bool DoiPlus = false,
    string? DoiMailing = null,
    string? Src = null,
    string? SubscriptionPage = null);
