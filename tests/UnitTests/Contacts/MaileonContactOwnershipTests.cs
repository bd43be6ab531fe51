using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Contacts;

namespace PipedriveMaileon.UnitTests.Contacts;

public sealed class MaileonContactOwnershipTests
{
    private const long Company = 8_087_566;

    private static readonly MaileonContactData Mapped = new(
        "pd-8087566-42",
        new Dictionary<string, string?> { ["FIRSTNAME"] = "Anna", ["LASTNAME"] = "Schmidt" },
        new Dictionary<string, string?> { ["createdByPipedrive"] = "true", ["pipedriveId"] = "42", ["owner_name"] = "Olga", ["shoe_size"] = "39" });

    [Fact]
    public void A_contact_the_app_creates_gets_permission_none_our_external_id_created_by_pipedrive_and_the_company_id()
    {
        var plan = MaileonContactOwnership.Plan(null, Mapped, Company, startDoubleOptIn: true);
        Assert.Equal((MaileonContactOwner.Nobody, true, MaileonPermissionLevel.None, true), (plan.Owner, plan.Creates, plan.Permission, plan.StartDoubleOptIn));
        Assert.Equal("pd-8087566-42", plan.Data.ExternalId);
        Assert.Equal("true", plan.Data.CustomFields["createdByPipedrive"]);
        Assert.Equal("8087566", plan.Data.CustomFields["pipedriveId"]);
        Assert.Equal("Olga", plan.Data.CustomFields["owner_name"]);
        Assert.Equal("Anna", plan.Data.StandardFields["FIRSTNAME"]);

        var anonymised = MaileonContactOwnership.Plan(Contact(MaileonPermissionLevel.DoubleOptIn, "pd-8087566-42") with { Anonymous = true }, Mapped, Company, true);
        Assert.True(anonymised.Creates);
    }

    [Theory]
    [InlineData("shop-1001", null, MaileonContactOwner.AnotherSystem)]
    [InlineData(null, "false", MaileonContactOwner.AnotherSystem)]
    [InlineData("8087566_42", "true", MaileonContactOwner.AnotherSystem)]
    [InlineData("pd-999-42", "true", MaileonContactOwner.AnotherTenant)]
    public void A_contact_the_app_did_not_create_keeps_permission_external_id_created_by_pipedrive_and_pipedrive_id(string? externalId, string? createdBy, MaileonContactOwner owner)
    {
        foreach (var permission in Enum.GetValues<MaileonPermissionLevel>())
        {
            var existing = Contact(permission, externalId, createdBy);
            var plan = MaileonContactOwnership.Plan(existing, Mapped, Company, startDoubleOptIn: true);
            Assert.Equal(owner, plan.Owner);
            Assert.False(plan.Creates);
            Assert.Null(plan.Permission);
            Assert.Null(plan.Data.ExternalId);
            Assert.False(plan.Data.CustomFields.ContainsKey("createdByPipedrive"));
            Assert.False(plan.Data.CustomFields.ContainsKey("pipedriveId"));
            Assert.Equal("Olga", plan.Data.CustomFields["owner_name"]);
            Assert.Equal(existing.HasConfirmedDoubleOptIn ? false : true, plan.StartDoubleOptIn);
            Assert.NotEmpty(plan.Notes);
        }
    }

    [Fact]
    public void A_contact_this_tenant_created_gets_the_company_id_as_pipedrive_id_and_no_second_doi_mail()
    {
        var ours = Contact(MaileonPermissionLevel.DoubleOptInPlus, "pd-8087566-17", "true", pipedriveId: "17");
        Assert.True(MaileonContactOwnership.NeedsPipedriveIdMigration(ours, Company));

        var plan = MaileonContactOwnership.Plan(ours, Mapped, Company, startDoubleOptIn: true);
        Assert.Equal(MaileonContactOwner.ThisTenant, plan.Owner);
        Assert.Equal((false, (MaileonPermissionLevel?)null, false), (plan.Creates, plan.Permission, plan.StartDoubleOptIn));
        Assert.Null(plan.Data.ExternalId);
        Assert.Equal("8087566", plan.Data.CustomFields["pipedriveId"]);
        Assert.False(plan.Data.CustomFields.ContainsKey("createdByPipedrive"));
        Assert.Contains(plan.Notes, n => n.Contains("no DOI mail", StringComparison.Ordinal));

        Assert.False(MaileonContactOwnership.NeedsPipedriveIdMigration(ours with { CustomFields = new Dictionary<string, string?> { ["pipedriveId"] = "8087566" } }, Company));
        Assert.False(MaileonContactOwnership.NeedsPipedriveIdMigration(Contact(MaileonPermissionLevel.DoubleOptIn, "pd-999-17", "true", "17"), Company));
    }

    private static MaileonContact Contact(MaileonPermissionLevel permission, string? externalId, string? createdBy = null, string? pipedriveId = null)
    {
        var custom = new Dictionary<string, string?>();
        if (createdBy is not null)
        {
            custom["createdByPipedrive"] = createdBy;
        }

        if (pipedriveId is not null)
        {
            custom["pipedriveId"] = pipedriveId;
        }

        return new MaileonContact(99, "anna@example.com", externalId, permission, null, null, new Dictionary<string, string?>(), custom);
    }
}
