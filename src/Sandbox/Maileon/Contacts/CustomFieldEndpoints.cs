using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>Custom contact fields: list, create (409 on a duplicate, a sandbox assumption), rename, delete, clear values.</summary>
public static class CustomFieldEndpoints
{
    public const int MinNameLength = 3;
    public const int MaxNameLength = 64;

    public static void Map(RouteGroupBuilder api)
    {
        // GET /contacts/fields/custom → 200 <custom_fields><custom_field><name/><type/>… (root names: Java adaptor,
        // .NET [XmlRoot("custom_fields")]; PHP CustomFields::fromXML reads name and type of every child).
        api.MapGet("/contacts/fields/custom", List);

        // POST /contacts/fields/custom/{name}?type= (empty body) → 201, no body; an existing name → 409 <error>
        // (PHP createCustomField; the duplicate status is undocumented: 409 is the sandbox's assumption, see README).
        api.MapPost("/contacts/fields/custom/{name}", Create);
        api.MapPut("/contacts/fields/custom/{oldName}/{newName}", Rename);
        api.MapDelete("/contacts/fields/custom/{name}/values", ClearValues);
        api.MapDelete("/contacts/fields/custom/{name}", Delete);
    }

    /// <summary>Null when <paramref name="name"/> may name a custom field, else why not.</summary>
    public static string? ValidateName(string name)
    {
        if (name.Length is < MinNameLength or > MaxNameLength)
        {
            return $"Invalid custom field name '{name}': names must have {MinNameLength} to {MaxNameLength} characters.";
        }

        if (StandardFields.IsKnown(name.ToUpperInvariant()))
        {
            return $"Invalid custom field name '{name}': it is the name of a standard field.";
        }

        if (StandardFields.Reserved.Contains(name.ToLowerInvariant(), StringComparer.Ordinal))
        {
            return $"Invalid custom field name '{name}': the name is reserved.";
        }

        return name.Any(char.IsControl) ? $"Invalid custom field name '{name}': control characters are not allowed." : null;
    }

    private static IResult List(HttpContext http, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            return MaileonResponses.Xml(new XElement("custom_fields", account.CustomFields.Select(f =>
                new XElement("custom_field", new XElement("name", f.Name), new XElement("type", f.Type)))));
        }
    }

    private static IResult Create(HttpContext http, string name, MaileonStore store)
    {
        var type = new QueryReader(http.Request).String("type") is { Length: > 0 } given ? given : "string";
        if (ValidateName(name) is { } problem)
        {
            return MaileonResponses.BadRequest(problem);
        }

        if (!CustomFieldTypes.IsKnown(type))
        {
            return MaileonResponses.BadRequest($"Invalid type '{type}' for custom field {name}: use one of {string.Join(", ", CustomFieldTypes.All)}.");
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            if (account.FindCustomField(name) is not null)
            {
                return MaileonResponses.Conflict($"A custom field with the name {name} already exists.");
            }

            account.CustomFields.Add(new CustomFieldDefinition { Name = name, Type = type });
            return Results.StatusCode(StatusCodes.Status201Created);
        }
    }

    private static IResult Rename(HttpContext http, string oldName, string newName, MaileonStore store)
    {
        if (ValidateName(newName) is { } problem)
        {
            return MaileonResponses.BadRequest(problem);
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            var field = account.FindCustomField(oldName);
            if (field is null)
            {
                return MaileonResponses.NotFound($"Custom field {oldName} not found.");
            }

            if (account.FindCustomField(newName) is not null)
            {
                return MaileonResponses.Conflict($"A custom field with the name {newName} already exists.");
            }

            field.Name = newName;
            foreach (var contact in account.Contacts.Values)
            {
                if (contact.CustomFields.Remove(oldName, out var value))
                {
                    contact.CustomFields[newName] = value;
                }
            }

            return Results.Ok();
        }
    }

    private static IResult Delete(HttpContext http, string name, MaileonStore store) => Drop(http, name, store, removeField: true);

    private static IResult ClearValues(HttpContext http, string name, MaileonStore store) => Drop(http, name, store, removeField: false);

    private static IResult Drop(HttpContext http, string name, MaileonStore store, bool removeField)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            var field = account.FindCustomField(name);
            if (field is null)
            {
                return MaileonResponses.NotFound($"Custom field {name} not found.");
            }

            foreach (var contact in account.Contacts.Values)
            {
                contact.CustomFields.Remove(name);
            }

            if (removeField)
            {
                account.CustomFields.Remove(field);
            }

            return Results.Ok();
        }
    }
}
