namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A person field: built-in (key = property name) or custom (key = 40-hex hash).</summary>
public sealed class PersonField
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public string Key { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string FieldType { get; set; } = "varchar";
    public bool IsCustom { get; set; }
    public bool AddVisibleFlag { get; set; } = true;
    public int OrderNr { get; set; }
    public long? CreatedByUserId { get; set; }
    public DateTimeOffset AddTime { get; set; }
    public DateTimeOffset UpdateTime { get; set; }
    public List<FieldOption> Options { get; set; } = [];

    public bool HasOptions => FieldType is "enum" or "set";
}
