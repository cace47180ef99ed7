using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Intake;

namespace Rathaus.Concerns.Uploads;

/// <summary>The files of a form, checked one by one; each refused file gets a message naming it next to the file field.</summary>
public static class FormUploads
{
    public static async Task<List<AcceptedFile>> InspectAsync(
        IEnumerable<IFormFile> files, ModelStateDictionary modelState, string field, IStringLocalizer t, CancellationToken ct)
    {
        var chosen = files.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (chosen.Count > UploadInspector.MaxFiles)
        {
            modelState.AddModelError(field, t["Sie können höchstens {0} Dateien anhängen. Sie haben {1} ausgewählt.", UploadInspector.MaxFiles, chosen.Count]);
            return [];
        }

        var accepted = new List<AcceptedFile>();
        foreach (var file in chosen)
        {
            var check = await UploadInspector.InspectAsync(file, ct);
            if (check.File is not null)
            {
                accepted.Add(check.File);
            }
            else
            {
                modelState.AddModelError(field, t[check.Error ?? "", check.ErrorArgument ?? Path.GetFileName(file.FileName)]);
            }
        }

        return accepted;
    }
}
