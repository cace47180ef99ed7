using System.Net;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Alerts;
using Rathaus.Council.Alerts;
using Rathaus.Platform.Alerts;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Alerts;

/// <summary>Wrong input on both subscribe forms: a German message at the field, nothing stored, no mail.</summary>
public abstract class AlertBadInputTests(RathausApp app)
{
    public static TheoryData<string, string?, string?, string?, string?, string?, string> MapCases => new()
    {
        { "kein-at-zeichen", "District", "Altstadt", null, null, null, "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de." },
        { "Name <a@b.de>", "District", "Altstadt", null, null, null, "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de." },
        { "", "District", "Altstadt", null, null, null, "Bitte geben Sie Ihre E-Mail-Adresse an." },
        { "@OK", null, null, null, null, null, "Bitte wählen Sie, ob Sie einen Stadtteil oder einen Umkreis beobachten möchten." },
        { "@OK", "District", null, null, null, null, "Bitte wählen Sie einen Stadtteil." },
        { "@OK", "District", "Atlantis", null, null, null, "Diesen Stadtteil gibt es nicht. Bitte wählen Sie einen aus der Liste." },
        { "@OK", "Circle", null, "53,25", "10,4", null, "Bitte wählen Sie einen Umkreis aus der Liste." },
        { "@OK", "Circle", null, "53,25", "10,4", "300", "Bitte wählen Sie einen Umkreis aus der Liste." },
        { "@OK", "Circle", null, "", "10,4", "250", "Bitte geben Sie den Punkt als Breiten- und Längengrad an, zum Beispiel 53,2487 und 10,4077." },
        { "@OK", "Circle", null, "dreiundfünfzig", "10,4", "250", "Das ist keine gültige Koordinate. Bitte schreiben Sie sie als Dezimalzahl, zum Beispiel 53,2487." },
        { "@OK", "Circle", null, "95", "10,4", "250", "Das ist keine gültige Koordinate. Bitte schreiben Sie sie als Dezimalzahl, zum Beispiel 53,2487." },
        { "@OK", "Circle", null, "52,52", "13,40", "250", "Dieser Punkt liegt nicht in der Stadt. Bitte prüfen Sie Breiten- und Längengrad." },
    };

    [Theory]
    [MemberData(nameof(MapCases))]
    public async Task The_map_alert_form_refuses_wrong_input_with_a_german_message(string email, string? area, string? district, string? latitude, string? longitude, string? radius, string message)
    {
        var address = email == "@OK" ? $"x-{Guid.NewGuid():N}@buerger.example" : email;
        using var client = app.Client();
        var response = await client.SubmitAsync("/karte/benachrichtigungen", new()
        {
            ["Input.Email"] = address,
            ["Input.Area"] = area,
            ["Input.District"] = district,
            ["Input.Latitude"] = latitude,
            ["Input.Longitude"] = longitude,
            ["Input.RadiusMeters"] = radius,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageClient.PageOf(response);
        AssertError(message, PageClient.Errors(page));
        Assert.Equal(address, page.QuerySelector("#Input_Email")!.GetAttribute("value") ?? "");
        await AssertNothingStoredAsync(address);
    }

    [Fact]
    public async Task The_map_alert_form_refuses_a_category_that_does_not_exist()
    {
        var address = $"x-{Guid.NewGuid():N}@buerger.example";
        using var client = app.Client();
        var response = await client.SubmitAsync("/karte/benachrichtigungen", new()
        {
            ["Input.Email"] = address,
            ["Input.Area"] = "District",
            ["Input.District"] = "Altstadt",
            ["Input.CategoryId"] = "987654",
        });
        AssertError("Dieses Thema gibt es nicht. Bitte wählen Sie eines aus der Liste.", PageClient.Errors(await PageClient.PageOf(response)));
        await AssertNothingStoredAsync(address);
    }

    [Theory]
    [InlineData(null, "", "Bitte wählen Sie ein Gremium oder geben Sie Suchwörter an (oder beides).")]
    [InlineData(null, "   ", "Bitte wählen Sie ein Gremium oder geben Sie Suchwörter an (oder beides).")]
    [InlineData("987654", null, "Dieses Gremium gibt es nicht. Bitte wählen Sie eines aus der Liste.")]
    [InlineData("kein-gremium", null, "Bitte wählen Sie ein Gremium oder geben Sie Suchwörter an (oder beides).")]
    [InlineData(null, "Gewinn auf https://betrug.example", "Suchwörter dürfen nur Buchstaben, Ziffern, Leerzeichen, Bindestrich und Schrägstrich enthalten.")]
    [InlineData(null, "<b>fett</b>", "Suchwörter dürfen nur Buchstaben, Ziffern, Leerzeichen, Bindestrich und Schrägstrich enthalten.")]
    public async Task The_council_alert_form_refuses_wrong_input_with_a_german_message(string? organization, string? words, string message)
    {
        var address = $"x-{Guid.NewGuid():N}@buerger.example";
        using var client = app.Client();
        var response = await client.SubmitAsync("/rat/benachrichtigungen", new()
        {
            ["Input.Email"] = address,
            ["Input.OrganizationId"] = organization,
            ["Input.Words"] = words,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertError(message, PageClient.Errors(await PageClient.PageOf(response)));
        await AssertNothingStoredAsync(address);
    }

    [Fact]
    public async Task Search_words_longer_than_200_characters_are_refused()
    {
        var address = $"x-{Guid.NewGuid():N}@buerger.example";
        using var client = app.Client();
        var response = await client.SubmitAsync("/rat/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Words"] = new string('x', 201) });
        AssertError("Die Suchwörter dürfen zusammen höchstens 200 Zeichen lang sein.", PageClient.Errors(await PageClient.PageOf(response)));
        await AssertNothingStoredAsync(address);
    }

    [Fact]
    public async Task One_address_holds_at_most_ten_alerts_and_gets_at_most_three_confirmation_mails_a_day()
    {
        var address = $"x-{Guid.NewGuid():N}@buerger.example";
        using var client = app.Client();
        string[] districts = ["Altstadt", "Rotes Feld", "Bockelsberg", "Kaltenmoor"];
        foreach (var district in districts[..3])
        {
            var accepted = await client.SubmitAsync("/karte/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Area"] = "District", ["Input.District"] = district });
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        var fourth = await client.SubmitAsync("/karte/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Area"] = "District", ["Input.District"] = districts[3] });
        AssertError("An diese E-Mail-Adresse haben wir heute schon mehrere Bestätigungs-E-Mails geschickt. Bitte sehen Sie in Ihr Postfach oder versuchen Sie es morgen wieder.", PageClient.Errors(await PageClient.PageOf(fourth)));

        // A day later mails may go out again, but not beyond ten alerts for the address.
        await using (var db = app.Db())
        {
            await db.OutboxMessages.Where(m => m.To == address).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, m => m.CreatedAt.AddDays(-2)));
            for (var i = 0; i < 7; i++)
            {
                var (_, hash) = AlertTokens.New();
                var (_, unsubscribe) = AlertTokens.New();
                db.AlertSubscriptions.Add(new AlertSubscription
                {
                    Email = address,
                    Kind = AlertKind.CouncilPapers,
                    Filter = PaperFilter.Create(null, $"wort{i}").ToJson(),
                    ConfirmationTokenHash = hash,
                    UnsubscribeTokenHash = unsubscribe,
                    UnsubscribeTokenProtected = "-",
                    CreatedAt = DateTime.UtcNow,
                    ConfirmationSentAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        }

        var eleventh = await client.SubmitAsync("/karte/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Area"] = "District", ["Input.District"] = districts[3] });
        AssertError("Für diese E-Mail-Adresse bestehen schon so viele Benachrichtigungen, wie möglich sind. Bitte bestellen Sie zuerst eine ab.", PageClient.Errors(await PageClient.PageOf(eleventh)));
        await using (var db = app.Db())
        {
            Assert.Equal(10, await db.AlertSubscriptions.CountAsync(s => s.Email == address));
        }
    }

    [Theory]
    [InlineData("/benachrichtigungen/bestaetigen/abc")]
    [InlineData("/benachrichtigungen/bestaetigen/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/benachrichtigungen/abmelden/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/benachrichtigungen/abmelden/%27%3B--")]
    public async Task Unknown_or_malformed_links_answer_404_with_an_explanation(string path)
    {
        using var client = app.Client();
        var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEmpty(PageClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".kern-alert"));
    }

    [Fact]
    public async Task A_one_click_post_for_an_unknown_link_changes_nothing_and_answers_the_same()
    {
        using var client = app.Client();
        var response = await client.Http.PostAsync("/benachrichtigungen/abmelden/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sie haben die Benachrichtigung abbestellt.", (await PageClient.PageOf(response)).QuerySelector(".kern-alert .kern-title")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_bot_that_fills_the_hidden_field_is_told_success_but_nothing_is_stored()
    {
        var address = $"x-{Guid.NewGuid():N}@buerger.example";
        using var client = app.Client();
        var response = await client.SubmitAsync("/rat/benachrichtigungen", new() { ["Input.Email"] = address, ["Input.Words"] = "Radweg", ["Website"] = "https://spam.example" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/benachrichtigungen/angefordert", response.Headers.Location!.OriginalString);
        await AssertNothingStoredAsync(address);
    }

    [Fact]
    public async Task The_forms_carry_the_privacy_note()
    {
        using var client = app.Client();
        foreach (var url in new[] { "/karte/benachrichtigungen", "/rat/benachrichtigungen" })
        {
            var page = await client.GetPageAsync(url);
            Assert.Contains("Art. 6 Abs. 1 Buchstabe a DSGVO", page.QuerySelector("#datenschutz")!.ParentElement!.TextContent, StringComparison.Ordinal);
        }
    }

    /// <summary>A field shows all its messages in one line; one of them must be this.</summary>
    private static void AssertError(string message, IReadOnlyList<string> errors) =>
        Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)), $"\"{message}\" not among: {string.Join(" | ", errors)}");

    private async Task AssertNothingStoredAsync(string address)
    {
        await using var db = app.Db();
        var normalized = AlertSubscriptions.Normalize(address);
        Assert.False(await db.AlertSubscriptions.AnyAsync(s => s.Email == normalized));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == normalized));
    }
}

[Collection(nameof(SqliteApp))]
public sealed class AlertBadInputTests_Sqlite(SqliteApp app) : AlertBadInputTests(app);

[Collection(nameof(PostgresApp))]
public sealed class AlertBadInputTests_Postgres(PostgresApp app) : AlertBadInputTests(app);

/// <summary>An installation that takes two alert subscriptions per client address and hour.</summary>
public sealed class AlertRateLimitedApp() : RathausApp(global::Rathaus.Data.DatabaseProvider.Sqlite)
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("RateLimits:AlertSubscriptionsPerHour", "2")];
}

[CollectionDefinition(nameof(AlertRateLimitedApp))]
public sealed class AlertRateLimitedCollection : ICollectionFixture<AlertRateLimitedApp>;

[Collection(nameof(AlertRateLimitedApp))]
public sealed class AlertRateLimitTests(AlertRateLimitedApp app)
{
    [Fact]
    public async Task Too_many_subscriptions_from_one_address_get_a_friendly_429_while_the_forms_stay_readable()
    {
        using var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        foreach (var url in new[] { "/karte/benachrichtigungen", "/rat/benachrichtigungen", "/karte/benachrichtigungen" })
        {
            var response = await client.SubmitAsync(url, new() { ["Input.Email"] = $"x-{Guid.NewGuid():N}@buerger.example", ["Input.Area"] = "District", ["Input.District"] = "Altstadt", ["Input.Words"] = "Radweg" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/karte/benachrichtigungen")).StatusCode);
    }
}

/// <summary>The pure pieces: matching words, distances, one spelling per filter.</summary>
public sealed class AlertFilterTests
{
    [Theory]
    [InlineData("radweg", "2026/0001", "Neuer RADWEG am Bahnhof", true)]
    [InlineData("radweg bahnhof", "2026/0001", "Radweg am Bahnhof", true)]
    [InlineData("radweg kurpark", "2026/0001", "Radweg am Bahnhof", false)]
    [InlineData("2026/0001", "2026/0001", "Haushalt", true)]
    public void Search_words_must_all_occur_in_title_or_reference(string words, string reference, string title, bool matches) =>
        Assert.Equal(matches, PaperAlerts.MatchesWords(words, reference, title));

    [Fact]
    public void The_same_search_and_the_same_point_are_the_same_filter()
    {
        Assert.Equal(PaperFilter.Create(3, "radweg bahnhof").ToJson(), PaperFilter.Create(3, "  Radweg   BAHNHOF ").ToJson());
        Assert.Equal(MapReportFilter.ForCircle(53.2500001, 10.407, 250, null).ToJson(), MapReportFilter.ForCircle(53.25, 10.4070004, 250, null).ToJson());
        Assert.NotEqual(MapReportFilter.ForDistrict("Altstadt", null).ToJson(), MapReportFilter.ForDistrict("Altstadt", 7).ToJson());
    }

    [Fact]
    public void Distances_at_city_scale_are_right_to_a_few_metres()
    {
        // 0.001° of latitude is about 111 m everywhere.
        Assert.InRange(MapReportAlerts.DistanceMeters(53.25, 10.407, 53.251, 10.407), 110, 112);
        Assert.Equal(0, MapReportAlerts.DistanceMeters(53.25, 10.407, 53.25, 10.407));
    }
}
