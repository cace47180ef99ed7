using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Concerns.Track;

public sealed record TrackedConcern(long Id, string ReferenceNumber, string Token)
{
    public string Url => "/anliegen/" + Token;
}

/// <summary>Concerns submitted as a citizen would, and the tracking page's forms posted as a browser would.</summary>
internal static class TrackedConcerns
{
    /// <summary>A 1×1 pixel PNG, complete with its chunks, so any image check accepts it.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static async Task<TrackedConcern> SubmitAsync(RathausApp app, string description, params AcceptedFile[] files)
    {
        await using var db = app.Db(); // skips the test when the provider is not available
        var categoryId = await db.Categories.Where(c => c.Code == "schlagloch").Select(c => c.Id).SingleAsync();
        using var scope = app.Services.CreateScope();
        var intake = scope.ServiceProvider.GetRequiredService<ConcernIntake>();
        var submitted = await intake.SubmitAsync(
            new ConcernSubmission(Guid.NewGuid(), ConcernKind.DefectReport, categoryId, description, null, null, null, null, null, "de", Channel.Web, files),
            token => "/anliegen/" + token,
            CancellationToken.None);
        return new TrackedConcern(submitted.Id, submitted.ReferenceNumber, submitted.TrackingToken);
    }

    public static async Task SetStatusAsync(RathausApp app, TrackedConcern concern, ConcernStatus status)
    {
        await using var db = app.Db();
        await db.Concerns.Where(c => c.Id == concern.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.Version, c => c.Version + 1));
    }

    public static async Task AddEntryAsync(RathausApp app, ConcernEntry entry)
    {
        await using var db = app.Db();
        db.ConcernEntries.Add(entry);
        await db.SaveChangesAsync();
    }

    /// <summary>Posts the "add information" form of <paramref name="page"/> as multipart, with files.</summary>
    public static async Task<HttpResponseMessage> AddWithFilesAsync(PageClient client, IHtmlDocument page, string text, params (string Name, byte[] Content, string Type)[] files)
    {
        var form = page.QuerySelectorAll<IHtmlFormElement>("main form").Single(f => f.GetAttribute("enctype") == "multipart/form-data");
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }

        content.Add(new StringContent(text), "Input.Text");
        foreach (var (name, bytes, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            content.Add(file, "Input.Files", name);
        }

        return await client.Http.PostAsync(form.GetAttribute("action"), content);
    }
}
