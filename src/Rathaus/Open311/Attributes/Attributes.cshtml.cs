using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Rathaus.Concerns.Categories;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Open311.Attributes;

/// <summary>The questions (Open311 service attributes) of one category, in the order apps show them.</summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class AttributesModel(RathausDb db) : PageModel
{
    public Category Category { get; private set; } = null!;
    public IReadOnlyList<ServiceAttribute> Attributes { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int categoryId, CancellationToken ct)
    {
        var category = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null)
        {
            return NotFound();
        }

        Category = category;
        Attributes = await db.ServiceAttributes.AsNoTracking().Where(a => a.CategoryId == categoryId).OrderBy(a => a.Order).ThenBy(a => a.Code).ToListAsync(ct);
        return Page();
    }
}

/// <summary>German names of the datatypes (the keys of their English translations).</summary>
public static class AttributeTexts
{
    public static string DatatypeName(AttributeDatatype datatype) => datatype switch
    {
        AttributeDatatype.ShortText => Texts.Key("Text in einer Zeile (string)"),
        AttributeDatatype.Number => Texts.Key("Zahl (number)"),
        AttributeDatatype.Datetime => Texts.Key("Datum und Uhrzeit (datetime)"),
        AttributeDatatype.Text => Texts.Key("Text mit Zeilenumbrüchen (text)"),
        AttributeDatatype.SingleValueList => Texts.Key("Auswahl einer Antwort (singlevaluelist)"),
        AttributeDatatype.MultiValueList => Texts.Key("Auswahl mehrerer Antworten (multivaluelist)"),
        _ => datatype.ToString(),
    };
}
