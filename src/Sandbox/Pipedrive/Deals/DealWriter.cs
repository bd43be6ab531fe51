using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Webhooks;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Deals;

/// <summary>Creates, changes and deletes deals from API v2 shaped bodies and publishes the webhook events.</summary>
public sealed class DealWriter(PipedriveStore store, WebhookDispatcher dispatcher)
{
    public WriteResult Create(long companyId, JsonObject body, long actorUserId, string source)
    {
        EntityChange change;
        JsonObject data;
        lock (store.Gate)
        {
            if (JsonInput.String(body["title"]) is not { Length: > 0 })
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, "Title must be given.");
            }

            var deal = new Deal { CompanyId = companyId, OwnerId = actorUserId, CreatorUserId = actorUserId };
            if (Apply(deal, body) is { } error)
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, error);
            }

            store.AddDeal(deal);
            change = new EntityChange(companyId, "deal", "create", deal.Id, actorUserId, source, store.Now,
                EntityJson.DealWebhook(deal), null, EntityJson.DealV1(deal, store.FindCompany(companyId)), null);
            data = EntityJson.DealV2(deal, store.FindCompany(companyId), false);
        }

        dispatcher.Publish(change);
        return WriteResult.Ok(data);
    }

    public WriteResult Update(long? companyId, long dealId, JsonObject body, long? actorUserId, string source)
    {
        EntityChange? change = null;
        JsonObject data;
        lock (store.Gate)
        {
            if (Find(companyId, dealId) is not { } deal)
            {
                return WriteResult.NotFound();
            }

            var company = store.FindCompany(deal.CompanyId);
            var before = EntityJson.DealWebhook(deal);
            var beforeV1 = EntityJson.DealV1(deal, company);
            var updated = new Deal();
            Copy(deal, updated);
            if (Apply(updated, body) is { } error)
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, error);
            }

            var previous = EntityChange.ChangedFields(before, EntityJson.DealWebhook(updated));
            if (previous is not null)
            {
                Copy(updated, deal);
                deal.UpdateTime = store.Now;
                change = new EntityChange(deal.CompanyId, "deal", "change", deal.Id, actorUserId ?? store.AdminOf(deal.CompanyId).Id, source, store.Now,
                    EntityJson.DealWebhook(deal), previous, EntityJson.DealV1(deal, company), beforeV1);
            }

            data = EntityJson.DealV2(deal, company, false);
        }

        if (change is not null)
        {
            dispatcher.Publish(change);
        }

        return WriteResult.Ok(data);
    }

    public WriteResult Delete(long? companyId, long dealId, long? actorUserId, string source)
    {
        EntityChange change;
        lock (store.Gate)
        {
            if (Find(companyId, dealId) is not { } deal)
            {
                return WriteResult.NotFound();
            }

            var last = EntityJson.DealWebhook(deal);
            var lastV1 = EntityJson.DealV1(deal, store.FindCompany(deal.CompanyId));
            deal.IsDeleted = true;
            deal.UpdateTime = store.Now;
            change = new EntityChange(deal.CompanyId, "deal", "delete", deal.Id, actorUserId ?? store.AdminOf(deal.CompanyId).Id, source, store.Now,
                null, last, null, lastV1);
        }

        dispatcher.Publish(change);
        return WriteResult.Ok(new JsonObject { ["id"] = dealId });
    }

    private string? Apply(Deal deal, JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "title":
                    deal.Title = JsonInput.String(value) ?? deal.Title;
                    break;
                case "value":
                    deal.Value = JsonInput.Decimal(value) ?? 0;
                    break;
                case "currency":
                    deal.Currency = JsonInput.String(value) ?? deal.Currency;
                    break;
                case "status":
                    var status = JsonInput.String(value);
                    if (status is not ("open" or "won" or "lost"))
                    {
                        return "Invalid status; use open, won or lost.";
                    }

                    if (status != deal.Status)
                    {
                        deal.Status = status;
                        deal.CloseTime = status == "open" ? null : store.Now;
                        deal.WonTime = status == "won" ? store.Now : null;
                        deal.LostTime = status == "lost" ? store.Now : null;
                    }

                    break;
                case "person_id":
                    if (JsonInput.IsNull(value))
                    {
                        deal.PersonId = null;
                    }
                    else if (JsonInput.Int64(value) is { } personId && store.FindPerson(personId) is { IsDeleted: false } person && person.CompanyId == deal.CompanyId)
                    {
                        deal.PersonId = personId;
                    }
                    else
                    {
                        return "Invalid person_id.";
                    }

                    break;
                case "org_id":
                    if (JsonInput.IsNull(value))
                    {
                        deal.OrgId = null;
                    }
                    else if (JsonInput.Int64(value) is { } orgId && store.FindOrganization(orgId) is { } org && org.CompanyId == deal.CompanyId)
                    {
                        deal.OrgId = orgId;
                    }
                    else
                    {
                        return "Invalid org_id.";
                    }

                    break;
                case "owner_id":
                    if (JsonInput.Int64(value) is not { } owner || store.FindUser(owner) is not { } user || user.CompanyId != deal.CompanyId)
                    {
                        return "Invalid owner_id.";
                    }

                    deal.OwnerId = owner;
                    break;
                case "stage_id":
                    deal.StageId = JsonInput.Int64(value) ?? deal.StageId;
                    break;
                case "pipeline_id":
                    deal.PipelineId = JsonInput.Int64(value) ?? deal.PipelineId;
                    break;
                case "expected_close_date":
                    deal.ExpectedCloseDate = JsonInput.String(value);
                    break;
                case "visible_to":
                    deal.VisibleTo = (int)(JsonInput.Int64(value) ?? deal.VisibleTo);
                    break;
                case "custom_fields" when value is JsonObject custom:
                    foreach (var (fieldKey, fieldValue) in custom)
                    {
                        deal.CustomFields[fieldKey] = fieldValue?.DeepClone();
                    }

                    break;
            }
        }

        return null;
    }

    private Deal? Find(long? companyId, long dealId) =>
        store.FindDeal(dealId) is { IsDeleted: false } deal && (companyId is null || deal.CompanyId == companyId) ? deal : null;

    private static void Copy(Deal from, Deal to)
    {
        to.Id = from.Id;
        to.CompanyId = from.CompanyId;
        to.Title = from.Title;
        to.Value = from.Value;
        to.Currency = from.Currency;
        to.Status = from.Status;
        to.PersonId = from.PersonId;
        to.OrgId = from.OrgId;
        to.OwnerId = from.OwnerId;
        to.CreatorUserId = from.CreatorUserId;
        to.PipelineId = from.PipelineId;
        to.StageId = from.StageId;
        to.VisibleTo = from.VisibleTo;
        to.AddTime = from.AddTime;
        to.UpdateTime = from.UpdateTime;
        to.CloseTime = from.CloseTime;
        to.WonTime = from.WonTime;
        to.LostTime = from.LostTime;
        to.ExpectedCloseDate = from.ExpectedCloseDate;
        to.CustomFields = new Dictionary<string, JsonNode?>(from.CustomFields.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())), StringComparer.Ordinal);
    }
}
