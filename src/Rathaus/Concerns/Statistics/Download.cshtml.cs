using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Rathaus.Concerns.Statistics;

/// <summary>Open data: /statistik/anliegen.csv and .json (optionally with ?jahr=), and their description .md.</summary>
[AllowAnonymous]
public sealed class DownloadModel(ConcernStatistics statistics, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string format, [FromQuery(Name = "jahr")] int? year, CancellationToken ct)
    {
        if (format == "md")
        {
            var schema = typeof(DownloadModel).Assembly.GetManifestResourceStream("Rathaus.Concerns.Statistics.README.md")!;
            return File(schema, "text/plain; charset=utf-8");
        }

        var report = await statistics.ForYearAsync(StatisticsModel.ValidYear(year, clock), ct);
        return format == "csv"
            ? File(OpenData.Csv(report), "text/csv; charset=utf-8", $"anliegen-{report.Year}.csv")
            : File(OpenData.JsonDocument(report), "application/json; charset=utf-8", $"anliegen-{report.Year}.json");
    }
}
