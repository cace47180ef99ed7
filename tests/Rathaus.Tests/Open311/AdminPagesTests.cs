using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Open311.Clients;
using Rathaus.Tests.Infrastructure;
using static Rathaus.Tests.Open311.Open311Api;

namespace Rathaus.Tests.Open311;

/// <summary>Administrators issue and revoke app keys and define the questions of a category.</summary>
public abstract class AdminPagesTests(RathausApp app)
{
    [Fact]
    public async Task An_issued_key_is_shown_once_stored_as_a_hash_works_and_stops_working_when_revoked()
    {
        var name = "Mängelmelder " + Guid.NewGuid().ToString("N")[..6];
        var code = await CategoryAsync(app);
        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);

        var issued = await admin.SubmitAsync("/intern/open311/apps", new() { ["Input.Name"] = name, ["Input.Contact"] = "betrieb@example.org", ["Input.RequestsPerMinute"] = "30" }, button: "Schlüssel ausstellen");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var key = (await PageClient.PageOf(issued)).QuerySelector("#api-key")!.TextContent.Trim();
        Assert.StartsWith("r311_", key, StringComparison.Ordinal);

        var again = await admin.GetPageAsync("/intern/open311/apps");
        Assert.Null(again.QuerySelector("#api-key"));
        Assert.DoesNotContain(key, again.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains(name, again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await using (var db = app.Db())
        {
            var client = await db.ApiClients.SingleAsync(c => c.Name == name);
            Assert.Equal(ApiKeys.Hash(key), client.KeyHash);
            Assert.Equal(30, client.RequestsPerMinute);
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "ApiClient.Issued" && a.EntityKey == name);
            Assert.DoesNotContain(key, audit.After!, StringComparison.Ordinal);
        }

        using var api = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(api.Http, "json", Report(key, code))).StatusCode);

        var revoked = await admin.SubmitAsync(again, "/intern/open311/apps", [], button: "Schlüssel von " + name + " widerrufen");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(api.Http, "json", Report(key, code))).StatusCode);
        await using (var db = app.Db())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ApiClient.Revoked" && a.EntityKey == name));
        }
    }

    [Fact]
    public async Task An_administrator_defines_a_question_that_apps_then_see_and_must_answer()
    {
        var code = await CategoryAsync(app);
        int categoryId;
        await using (var db = app.Db())
        {
            categoryId = (await db.Categories.SingleAsync(c => c.Code == code)).Id;
        }

        using var admin = await app.LoggedInAsync(DemoAccounts.Admin);
        var category = await admin.GetPageAsync($"/intern/zustaendigkeiten/kategorie/{categoryId}");
        Assert.NotNull(category.QuerySelector($"a[href='/intern/zustaendigkeiten/kategorie/{categoryId}/fragen']"));

        var url = $"/intern/zustaendigkeiten/kategorie/{categoryId}/fragen/neu";
        var refused = await admin.SubmitAsync(url, new() { ["Input.Code"] = "art", ["Input.Description"] = "Was ist kaputt?", ["Input.Datatype"] = "SingleValueList", ["Input.Order"] = "1", ["Input.Values"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Bitte geben Sie für eine Auswahl mindestens eine Antwortmöglichkeit an.", PageClient.Errors(await PageClient.PageOf(refused)));

        var saved = await admin.SubmitAsync(url, new() { ["Input.Code"] = "art", ["Input.Description"] = "Was ist kaputt?", ["Input.Datatype"] = "SingleValueList", ["Input.Order"] = "1", ["Input.Values"] = "loch=Loch\nriss=Riss", ["Input.Required"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var sameOrder = await admin.SubmitAsync(url, new() { ["Input.Code"] = "tiefe", ["Input.Description"] = "Wie tief?", ["Input.Datatype"] = "Number", ["Input.Order"] = "1" });
        Assert.Contains("Die Reihenfolge 1 hat schon eine andere Frage dieses Themas.", PageClient.Errors(await PageClient.PageOf(sameOrder)));

        using var api = app.Client();
        var definition = await JsonAsync(await api.Http.GetAsync($"/open311/v2/services/{code}.json"));
        var question = Assert.Single(definition.GetProperty("attributes").EnumerateArray());
        Assert.Equal("art", question.GetProperty("code").GetString());
        Assert.True(question.GetProperty("required").GetBoolean());
        Assert.Equal(["loch", "riss"], question.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));

        var key = await IssueKeyAsync(app);
        var missing = await PostAsync(api.Http, "json", Report(key, code));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("attribute[art]: Bitte beantworten Sie die Frage „Was ist kaputt?“.", (await JsonAsync(missing))[0].GetProperty("description").GetString());
        await using (var db = app.Db())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ServiceAttribute.Created" && a.EntityKey == code + "/art"));
        }
    }

    [Fact]
    public async Task A_case_worker_may_not_manage_keys_or_questions()
    {
        using var worker = await app.LoggedInAsync(DemoAccounts.CaseWorker);
        await worker.AssertAccessDeniedAsync("/intern/open311/apps");
        await worker.AssertAccessDeniedAsync("/intern/zustaendigkeiten/kategorie/1/fragen");
        await worker.AssertAccessDeniedAsync("/intern/zustaendigkeiten/kategorie/1/fragen/neu");
    }
}

[Collection(nameof(SqliteApp))]
public sealed class AdminPagesTests_Sqlite(SqliteApp app) : AdminPagesTests(app);

[Collection(nameof(PostgresApp))]
public sealed class AdminPagesTests_Postgres(PostgresApp app) : AdminPagesTests(app);
