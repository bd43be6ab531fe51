using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Deals;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.OAuth;
using PipedriveMaileon.Sandbox.Pipedrive.Persons;
using PipedriveMaileon.Sandbox.Pipedrive.Webhooks;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Control;

/// <summary>
/// The Pipedrive control API for tests, the benchmark and the console (JSON, no authentication). Writes to persons
/// and deals act "as a user" (default: the company's admin) and emit webhooks with <c>change_source: app</c>.
/// Webhook passwords are masked here.
/// </summary>
public static class PipedriveControlEndpoints
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapGet("/companies", ListCompanies);
        control.MapPost("/companies", CreateCompany);
        control.MapGet("/companies/{id:long}", (long id, PipedriveStore store) => WithCompany(store, id, c => Results.Ok(DescribeCompany(store, c))));
        control.MapPost("/companies/{id:long}/users", CreateUser);
        control.MapPatch("/users/{id:long}", (long id, UpdateUserRequest request, PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                if (store.FindUser(id) is not { } user)
                {
                    return Results.NotFound();
                }

                user.IsAdmin = request.IsAdmin ?? user.IsAdmin;
                return Results.Ok(new { id = user.Id, isAdmin = user.IsAdmin });
            }
        });
        control.MapPost("/companies/{id:long}/organizations", CreateOrganization);
        control.MapGet("/companies/{id:long}/persons", ListPersons);
        control.MapPost("/companies/{id:long}/persons", async (long id, long? userId, HttpRequest request, PersonWriter writer, PipedriveStore store) =>
            await WithBody(request, body => WithCompany(store, id, c => Answer(writer.Create(c.Id, body, userId ?? store.AdminOf(c.Id).Id, "app")))));
        control.MapPatch("/persons/{id:long}", async (long id, long? userId, HttpRequest request, PersonWriter writer) =>
            await WithBody(request, body => Answer(writer.Update(null, id, body, userId, "app"))));
        control.MapDelete("/persons/{id:long}", (long id, long? userId, PersonWriter writer) => Answer(writer.Delete(null, id, userId, "app")));
        control.MapPost("/persons/{id:long}/custom-field", SetCustomField);
        control.MapPost("/persons/merge", (MergeRequest request, PersonWriter writer) => Answer(writer.Merge(null, request.FromId, request.ToId, request.UserId, "app")));

        control.MapGet("/companies/{id:long}/timeline", ListTimeline);
        control.MapGet("/companies/{id:long}/deals", ListDeals);
        control.MapPost("/companies/{id:long}/deals", async (long id, long? userId, HttpRequest request, DealWriter writer, PipedriveStore store) =>
            await WithBody(request, body => WithCompany(store, id, c => Answer(writer.Create(c.Id, body, userId ?? store.AdminOf(c.Id).Id, "app")))));
        control.MapPatch("/deals/{id:long}", async (long id, long? userId, HttpRequest request, DealWriter writer) =>
            await WithBody(request, body => Answer(writer.Update(null, id, body, userId, "app"))));
        control.MapDelete("/deals/{id:long}", (long id, long? userId, DealWriter writer) => Answer(writer.Delete(null, id, userId, "app")));

        control.MapGet("/companies/{id:long}/fields", (long id, PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                return Json(new JsonArray([.. store.FieldsOf(id).Select(f => (JsonNode)FieldJson.V1(f))]));
            }
        });
        control.MapPost("/companies/{id:long}/fields", (long id, CreateFieldRequest request, PipedriveStore store) => WithCompany(store, id, company =>
        {
            if (string.IsNullOrWhiteSpace(request.Name))
            {
                return Problem(StatusCodes.Status400BadRequest, "name is required.");
            }

            var field = store.NewField(company.Id, null, request.Name, request.FieldType ?? "varchar", store.AdminOf(company.Id).Id, request.Options);
            return Json(FieldJson.V1(field), StatusCodes.Status201Created);
        }));
        control.MapDelete("/companies/{id:long}/fields/{field}", DeleteField);

        control.MapPost("/oauth/approve", Approve);
        control.MapPost("/companies/{id:long}/expire-tokens", (long id, PipedriveStore store) => WithCompany(store, id, _ =>
        {
            var expired = 0;
            foreach (var token in store.AccessTokensOf(id).Where(t => t.ExpiresAt > store.Now))
            {
                token.ExpiresAt = store.Now;
                expired++;
            }

            return Results.Ok(new { expired });
        }));
        control.MapPost("/companies/{id:long}/revoke", (long id, PipedriveStore store) => WithCompany(store, id, _ =>
        {
            var revoked = 0;
            foreach (var token in store.AccessTokensOf(id).Concat(store.RefreshTokensOf(id)).Where(t => !t.Revoked))
            {
                token.Revoked = true;
                revoked++;
            }

            return Results.Ok(new { revoked });
        }));
        control.MapPost("/companies/{id:long}/uninstall", async (long id, UninstallRequest? request, UninstallNotifier uninstaller, CancellationToken cancellationToken) =>
        {
            var outcome = await uninstaller.UninstallAsync(id, request?.UserId, request?.CallApp ?? true, cancellationToken);
            return outcome is null ? Problem(StatusCodes.Status404NotFound, $"Company {id} not found.") : Results.Ok(new { callbackStatus = outcome });
        });

        control.MapGet("/webhooks", (long? companyId, PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                var list = store.Webhooks.Where(w => companyId is null || w.CompanyId == companyId).OrderBy(w => w.Id)
                    .Select(w => (JsonNode)WebhookJson.Describe(w, store.Now, true));
                return Json(new JsonArray([.. list]));
            }
        });
        control.MapGet("/companies/{id:long}/webhooks", (long id, bool? reveal, PipedriveStore store) => WithCompany(store, id, company =>
            Json(new JsonArray([.. store.Webhooks.Where(w => w.CompanyId == company.Id).OrderBy(w => w.Id)
                .Select(w => (JsonNode)WebhookJson.Describe(w, store.Now, maskPassword: reveal != true))]))));
        control.MapDelete("/webhooks/{id:long}", (long id, PipedriveStore store) =>
        {
            // An admin (or Pipedrive's clean-up) removing one of the app's webhooks, without the app's token.
            lock (store.Gate)
            {
                return store.RemoveWebhook(id) ? Results.NoContent() : Problem(StatusCodes.Status404NotFound, $"Webhook {id} not found.");
            }
        });
        control.MapGet("/deliveries", (long? after, long? companyId, long? webhookId, string? @event, PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                return Results.Ok(store.Deliveries.Where(d => d.Sequence > (after ?? 0))
                    .Where(d => companyId is null || d.CompanyId == companyId)
                    .Where(d => webhookId is null || d.WebhookId == webhookId)
                    .Where(d => @event is null || d.Event == @event).ToList());
            }
        });
        control.MapGet("/counters", (long? companyId, PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                var entries = store.Usage.Where(u => companyId is null || u.CompanyId == companyId).OrderBy(u => u.CompanyId).ThenBy(u => u.Endpoint).ToList();
                return Results.Ok(new
                {
                    totalCalls = entries.Sum(e => e.Calls),
                    totalTokenCost = entries.Sum(e => e.TokenCost),
                    totalRateLimited = entries.Sum(e => e.RateLimited),
                    endpoints = entries,
                });
            }
        });
        control.MapDelete("/counters", (PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                store.ClearUsage();
            }

            return Results.NoContent();
        });

        control.MapGet("/rate-limit", (PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                return Results.Ok(store.RateLimitRules.ToList());
            }
        });
        control.MapPost("/rate-limit", (RateLimitRequest request, PipedriveStore store) =>
        {
            if (request.Calls is null && request.Seconds is null)
            {
                return Problem(StatusCodes.Status400BadRequest, "Give calls (the next N API calls) and/or seconds (a time window).");
            }

            lock (store.Gate)
            {
                var rule = new RateLimitRule(request.CompanyId, request.Calls, request.Seconds is { } s ? store.Now + TimeSpan.FromSeconds(s) : null,
                    request.RetryAfterSeconds ?? 2, request.DailyBudget ?? false);
                store.RateLimitRules.Add(rule);
                return Results.Ok(rule);
            }
        });
        control.MapDelete("/rate-limit", (PipedriveStore store) =>
        {
            lock (store.Gate)
            {
                store.RateLimitRules.Clear();
            }

            return Results.NoContent();
        });

        control.MapGet("/delivery", (PipedriveStore store) => Results.Ok(store.Delivery));
        control.MapPut("/delivery", (DeliveryPatch patch, PipedriveStore store) =>
        {
            var current = store.Delivery;
            store.Delivery = current with
            {
                Duplicate = patch.Duplicate ?? current.Duplicate,
                Shuffle = patch.Shuffle ?? current.Shuffle,
                ShuffleWindowMs = Math.Clamp(patch.ShuffleWindowMs ?? current.ShuffleWindowMs, 1, 60_000),
                DelayMs = Math.Clamp(patch.DelayMs ?? current.DelayMs, 0, 600_000),
                Paused = patch.Paused ?? current.Paused,
            };
            return Results.Ok(store.Delivery);
        });
        control.MapPost("/delivery/pause", (PipedriveStore store) => Results.Ok(store.Delivery = store.Delivery with { Paused = true }));
        control.MapPost("/delivery/resume", (PipedriveStore store) => Results.Ok(store.Delivery = store.Delivery with { Paused = false }));
        control.MapGet("/idle", (WebhookDispatcher dispatcher) => Results.Ok(new { pendingWebhookCalls = dispatcher.Pending, idle = dispatcher.Pending == 0 }));
    }

    public static JsonObject DescribeCompany(PipedriveStore store, Company company) => new()
    {
        ["id"] = company.Id,
        ["name"] = company.Name,
        ["domain"] = company.Domain,
        ["installed"] = company.Installed,
        ["installedByUserId"] = company.InstalledByUserId,
        ["lastUninstallCallback"] = company.LastUninstallCallback,
        ["users"] = new JsonArray([.. store.Users.Where(u => u.CompanyId == company.Id).OrderBy(u => u.Id).Select(u => (JsonNode)new JsonObject
        {
            ["id"] = u.Id,
            ["name"] = u.Name,
            ["email"] = u.Email,
            ["isAdmin"] = u.IsAdmin,
        })]),
        ["organizations"] = new JsonArray([.. store.Organizations.Where(o => o.CompanyId == company.Id).OrderBy(o => o.Id)
            .Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["name"] = o.Name })]),
        ["persons"] = store.Persons.Count(p => p.CompanyId == company.Id && !p.IsDeleted),
        ["deals"] = store.Deals.Count(d => d.CompanyId == company.Id && !d.IsDeleted),
        ["webhooks"] = store.Webhooks.Count(w => w.CompanyId == company.Id),
    };

    /// <summary>The label of the person's value in the field named <paramref name="fieldName"/> (enum/set), or the raw value.</summary>
    public static string? FieldDisplay(PipedriveStore store, Person person, string fieldName)
    {
        var field = store.CustomFieldsOf(person.CompanyId).FirstOrDefault(f => string.Equals(f.Name, fieldName, StringComparison.OrdinalIgnoreCase));
        if (field is null || person.CustomFields.GetValueOrDefault(field.Key) is not { } value)
        {
            return null;
        }

        var ids = value is JsonArray array ? array.Select(JsonInput.Int64) : [JsonInput.Int64(value)];
        return field.HasOptions
            ? string.Join(", ", ids.Select(id => field.Options.FirstOrDefault(o => o.Id == id)?.Label ?? $"#{id}"))
            : value.ToJsonString().Trim('"');
    }

    private static IResult ListCompanies(PipedriveStore store)
    {
        lock (store.Gate)
        {
            return Json(new JsonArray([.. store.Companies.OrderBy(c => c.Id).Select(c => (JsonNode)DescribeCompany(store, c))]));
        }
    }

    private static IResult CreateCompany(CreateCompanyRequest request, PipedriveStore store)
    {
        lock (store.Gate)
        {
            if (request.Id is { } id && store.FindCompany(id) is not null)
            {
                return Problem(StatusCodes.Status409Conflict, $"Company {id} exists already.");
            }

            if (request.AdminId is { } adminId && store.FindUser(adminId) is not null)
            {
                return Problem(StatusCodes.Status409Conflict, $"User {adminId} exists already.");
            }

            var name = request.Name ?? "Sandbox company";
            var company = store.CreateCompany(name, request.Id, request.AdminName ?? "Admin User",
                request.AdminEmail ?? $"admin@{name.ToLowerInvariant().Replace(' ', '-')}.example", request.AdminId);
            return Json(DescribeCompany(store, company), StatusCodes.Status201Created);
        }
    }

    private static IResult CreateUser(long id, CreateUserRequest request, PipedriveStore store) => WithCompany(store, id, company =>
    {
        if (request.Id is { } userId && store.FindUser(userId) is not null)
        {
            return Problem(StatusCodes.Status409Conflict, $"User {userId} exists already.");
        }

        var user = store.CreateUser(company.Id, request.Name ?? "Sandbox User", request.Email ?? $"user{store.Users.Count() + 1}@{company.Domain}.example",
            request.IsAdmin ?? false, request.Id);
        return Results.Json(new { id = user.Id, companyId = user.CompanyId, name = user.Name, email = user.Email, isAdmin = user.IsAdmin }, statusCode: StatusCodes.Status201Created);
    });

    private static IResult CreateOrganization(long id, CreateOrganizationRequest request, PipedriveStore store) => WithCompany(store, id, company =>
    {
        var organization = store.CreateOrganization(company.Id, request.Name ?? "Sandbox organization", request.OwnerId ?? store.AdminOf(company.Id).Id);
        return Json(EntityJson.OrganizationV2(organization), StatusCodes.Status201Created);
    });

    private static IResult ListPersons(long id, bool? includeDeleted, PipedriveStore store) => WithCompany(store, id, company =>
    {
        var fields = store.CustomFieldsOf(company.Id).ToList();
        var persons = store.Persons.Where(p => p.CompanyId == company.Id && (includeDeleted == true || !p.IsDeleted)).OrderBy(p => p.Id).Select(p =>
        {
            var json = EntityJson.PersonV2(p, fields);
            json["newsletter"] = FieldDisplay(store, p, "Newsletter");
            json["fieldDisplay"] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)FieldDisplay(store, p, f.Name))).DistinctBy(f => f.Key));
            return (JsonNode)json;
        });
        return Json(new JsonArray([.. persons]));
    });

    /// <summary>The company's notes and activities (not deleted ones), as the person pages' timelines show them.</summary>
    private static IResult ListTimeline(long id, PipedriveStore store) => WithCompany(store, id, company =>
    {
        var notes = store.Notes.Where(n => n.CompanyId == company.Id).OrderBy(n => n.Id).Select(n => (JsonNode)new JsonObject
        {
            ["kind"] = "note",
            ["id"] = n.Id,
            ["personId"] = n.PersonId,
            ["content"] = n.Content,
            ["addTime"] = PipedriveTime.V2(n.AddTime),
            ["updateTime"] = PipedriveTime.V2(n.UpdateTime),
        });
        var activities = store.Activities.Where(a => a.CompanyId == company.Id && !a.IsDeleted).OrderBy(a => a.Id).Select(a => (JsonNode)new JsonObject
        {
            ["kind"] = "activity",
            ["id"] = a.Id,
            ["personId"] = a.PersonId,
            ["type"] = a.Type,
            ["done"] = a.Done,
            ["subject"] = a.Subject,
            ["content"] = a.Note,
            ["addTime"] = PipedriveTime.V2(a.AddTime),
            ["updateTime"] = PipedriveTime.V2(a.UpdateTime),
        });
        return Json(new JsonArray([.. notes.Concat(activities)]));
    });

    private static IResult ListDeals(long id, PipedriveStore store) => WithCompany(store, id, company =>
        Json(new JsonArray([.. store.Deals.Where(d => d.CompanyId == company.Id && !d.IsDeleted).OrderBy(d => d.Id)
            .Select(d => (JsonNode)EntityJson.DealV2(d, company, true))])));

    private static IResult SetCustomField(long id, SetCustomFieldRequest request, PipedriveStore store, PersonWriter writer)
    {
        JsonObject body;
        lock (store.Gate)
        {
            if (store.FindPerson(id) is not { IsDeleted: false } person)
            {
                return Problem(StatusCodes.Status404NotFound, $"Person {id} not found.");
            }

            var field = store.CustomFieldsOf(person.CompanyId).FirstOrDefault(f =>
                string.Equals(f.Name, request.Field, StringComparison.OrdinalIgnoreCase) || f.Key == request.Field);
            if (field is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"Company {person.CompanyId} has no person field '{request.Field}'.");
            }

            JsonNode? value;
            if (request.Option is { } label)
            {
                var option = field.Options.FirstOrDefault(o => string.Equals(o.Label, label, StringComparison.OrdinalIgnoreCase));
                if (option is null)
                {
                    return Problem(StatusCodes.Status400BadRequest, $"Field '{field.Name}' has no option '{label}'.");
                }

                value = field.FieldType == "set" ? new JsonArray(option.Id) : JsonValue.Create(option.Id);
            }
            else
            {
                value = request.Value?.DeepClone();
            }

            body = new JsonObject { ["custom_fields"] = new JsonObject { [field.Key] = value } };
        }

        return Answer(writer.Update(null, id, body, request.UserId, "app"));
    }

    private static IResult DeleteField(long id, string field, PipedriveStore store) => WithCompany(store, id, _ =>
    {
        var match = store.CustomFieldsOf(id).FirstOrDefault(f =>
            f.Key == field || string.Equals(f.Name, field, StringComparison.OrdinalIgnoreCase) || f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == field);
        if (match is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"Company {id} has no custom person field '{field}'.");
        }

        store.RemoveField(match.Id);
        return Results.Ok(new { id = match.Id, key = match.Key, name = match.Name });
    });

    private static IResult Approve(ApproveRequest request, OAuthService oauth, PipedriveStore store)
    {
        var redirect = request.RedirectUri ?? oauth.App.RedirectUri!.AbsoluteUri;
        if (!oauth.IsRegisteredRedirect(redirect))
        {
            return Problem(StatusCodes.Status400BadRequest, "redirectUri does not match the app's registered callback URL.");
        }

        if (request.Deny == true)
        {
            return Results.Ok(new { location = OAuthService.Deny(redirect, request.State) });
        }

        long userId;
        lock (store.Gate)
        {
            if (store.FindCompany(request.CompanyId) is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"Company {request.CompanyId} not found.");
            }

            userId = request.UserId ?? store.AdminOf(request.CompanyId).Id;
        }

        var location = oauth.Approve(request.CompanyId, userId, redirect, request.State);
        if (location is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "App cannot be installed for requested company (unknown user).");
        }

        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(location).Query)["code"].ToString();
        return Results.Ok(new { location, code });
    }

    private static async Task<IResult> WithBody(HttpRequest request, Func<JsonObject, IResult> action)
    {
        var (body, error) = await JsonInput.ReadObjectAsync(request);
        return body is null ? Problem(StatusCodes.Status400BadRequest, error!) : action(body);
    }

    private static IResult WithCompany(PipedriveStore store, long id, Func<Company, IResult> action)
    {
        lock (store.Gate)
        {
            return store.FindCompany(id) is { } company ? action(company) : Problem(StatusCodes.Status404NotFound, $"Company {id} not found.");
        }
    }

    private static IResult Answer(WriteResult result) =>
        result.Failed ? Problem(result.Status, result.Error!) : Json(result.Data!);

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) => PipedriveResponses.Json(node, status);

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
