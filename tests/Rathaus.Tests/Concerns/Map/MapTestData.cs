using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Categories;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Map;

/// <summary>Places in the demo city and a fresh topic per test, so that reports nearby come only from the test itself.</summary>
internal static class MapTestData
{
    public const string ReportUrl = "/melden";

    // Inside the shipped district polygons.
    public static readonly (double Lat, double Lon) Kaltenmoor = (53.2375, 10.4300);
    public static readonly (double Lat, double Lon) Altstadt = (53.2489, 10.4075);
    public static readonly (double Lat, double Lon) Hamburg = (53.5511, 9.9937);

    public static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A new topic under "Straßen und Verkehr": street lights go to 7.2, in Kaltenmoor to 7.1.</summary>
    public static async Task<(int Id, string Code, string Name)> NewTopicAsync(RathausApp app, string? districtRule = null, string districtUnit = "7.1")
    {
        var code = "karte-" + Guid.NewGuid().ToString("N")[..8];
        var name = "Laterne " + code;
        await using var db = app.Db();
        var parent = await db.Categories.Where(c => c.Code == "strasse-verkehr").Select(c => c.Id).SingleAsync();
        var category = new Category { Code = code, Name = name, ParentId = parent };
        db.Categories.Add(category);
        db.ResponsibilityRules.Add(new ResponsibilityRule { Category = category, OrgUnitId = await db.OrgUnits.Where(u => u.Code == "7.2").Select(u => u.Id).SingleAsync() });
        if (districtRule is not null)
        {
            db.ResponsibilityRules.Add(new ResponsibilityRule { Category = category, District = districtRule, OrgUnitId = await db.OrgUnits.Where(u => u.Code == districtUnit).Select(u => u.Id).SingleAsync() });
        }

        await db.SaveChangesAsync();
        return (category.Id, code, name);
    }

    public static Dictionary<string, string?> Report(int categoryId, (double Lat, double Lon) place, string description) => new()
    {
        ["Input.CategoryId"] = categoryId.ToString(CultureInfo.InvariantCulture),
        ["Input.Latitude"] = F(place.Lat),
        ["Input.Longitude"] = F(place.Lon),
        ["Input.Description"] = description,
    };

    /// <summary>Sends the form and follows to the confirmation; returns the reference number.</summary>
    public static async Task<string> SubmitAsync(PageClient client, Dictionary<string, string?> values)
    {
        var response = await client.SubmitAsync(ReportUrl, values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}: {string.Join(" | ", PageClient.Errors(await PageClient.PageOf(response)))}");
        var received = await client.FollowAsync(response);
        var reference = received.QuerySelector("#vorgangsnummer")?.TextContent.Trim() ?? "";
        Assert.NotEmpty(reference);
        return reference;
    }

    /// <summary>A point <paramref name="meters"/> north of a place.</summary>
    public static (double Lat, double Lon) North((double Lat, double Lon) place, double meters) => (place.Lat + (meters / 111_195.0), place.Lon);

    public static string Text(IHtmlDocument page) => page.QuerySelector("main")!.TextContent;
}
