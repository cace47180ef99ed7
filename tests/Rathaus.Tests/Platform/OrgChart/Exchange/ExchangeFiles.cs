using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Rathaus.Platform.OrgChart.Exchange;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.OrgChart.Exchange;

/// <summary>Builds import files as a person would write them and hands them to the import, directly or by upload.</summary>
internal static class ExchangeFiles
{
    public const string ExchangePage = "/intern/organisation/austausch";

    /// <summary>Written out here, not taken from the code: a changed header must fail a test.</summary>
    public const string CsvHeader =
        "Satzart;Kuerzel;Postfach;Benutzername;Name;Art;Uebergeordnet;Standort;Einheit;Strasse;PLZ;Ort;Oeffnungszeiten;Leitung;Rollen;EMail;Stellen;Stelle;Vertretung;Von;Bis;Grund;Aktiv";

    public static string Mailbox(string suffix) => $"{suffix}@{TestOrgChart.MailDomain}";

    /// <summary>A CSV file with the header and the given rows, as Excel saves it (BOM, CRLF).</summary>
    public static byte[] Csv(params string[] rows) =>
        [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(string.Join("\r\n", [CsvHeader, .. rows]) + "\r\n")];

    /// <summary>One CSV row: the Satzart and the named columns, all others empty.</summary>
    public static string Row(string kind, params (string Column, string Value)[] values)
    {
        var columns = CsvHeader.Split(';');
        var fields = new string[columns.Length];
        fields[0] = kind;
        foreach (var (column, value) in values)
        {
            var index = Array.IndexOf(columns, column);
            Assert.True(index > 0, $"No column {column}");
            fields[index] = value.Contains(';', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
        }

        return string.Join(';', fields.Select(f => f ?? ""));
    }

    public static string Site(string code) =>
        Row("Standort", ("Kuerzel", code), ("Name", "Außenstelle " + code), ("Strasse", "Am Sande 1"), ("PLZ", "21335"), ("Ort", "Lüneburg"));

    public static string Unit(string code, string? parent, string name = "Sachgebiet Test", string? site = null) =>
        Row("Einheit", ("Kuerzel", code), ("Name", name), ("Art", "Team"), ("Uebergeordnet", parent ?? ""), ("Standort", site ?? ""));

    public static string Position(string mailbox, string unit, string title = "Sachbearbeitung Test") =>
        Row("Stelle", ("Postfach", mailbox), ("Name", title), ("Einheit", unit), ("Rollen", "CaseWork"));

    public static string Substitution(string absent, string substitute, string from, string until = "") =>
        Row("Vertretung", ("Stelle", absent), ("Vertretung", substitute), ("Von", from), ("Bis", until), ("Grund", "Urlaub"));

    /// <summary>Imports through the same service the page uses, as an administrator would, with German messages.</summary>
    public static async Task<ImportResult> ImportAsync(RathausApp app, string fileName, byte[] content)
    {
        Assert.SkipWhen(app.SkipReason is not null, app.SkipReason ?? "");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        using var scope = app.Services.CreateScope();
        using var stream = new MemoryStream(content);
        return await scope.ServiceProvider.GetRequiredService<OrgChartImport>().ImportAsync(stream, fileName);
    }

    public static Task<ImportResult> ImportAsync(RathausApp app, string fileName, string content) =>
        ImportAsync(app, fileName, Encoding.UTF8.GetBytes(content));

    /// <summary>Posts a file with the upload form of the exchange page, antiforgery token included, like a browser.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(PageClient client, string fileName, byte[] content)
    {
        var page = await client.GetPageAsync(ExchangePage);
        var form = page.QuerySelector<IHtmlFormElement>("main form[enctype='multipart/form-data']");
        Assert.NotNull(form);
        var input = form.QuerySelector<IHtmlInputElement>("input[type=file]");
        Assert.NotNull(input);
        var body = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        body.Add(new ByteArrayContent(content), input.Name!, fileName);
        return await client.Http.PostAsync(ExchangePage, body);
    }

    public static ImportProblem ProblemAt(ImportResult result, string row, string field)
    {
        var problem = result.Problems.FirstOrDefault(p => p.Row == row && p.Field == field);
        Assert.True(problem is not null, $"No problem at {row}/{field}; found:\n{string.Join("\n", result.Problems)}");
        return problem;
    }

    /// <summary>A localizer that only fills in the placeholders of the German key: for the parts tested without the app.</summary>
    public sealed class GermanTexts : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.GetCultureInfo("de-DE"), name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
