using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Rathaus.Concerns.Categories;
using Rathaus.Data;
using Rathaus.Platform.Audit;
using Rathaus.Platform.Auth;

namespace Rathaus.Open311.Attributes;

/// <summary>
/// Create, change or delete one question of a category. Answers already given keep the question's text (they copy
/// it), so deleting a question loses nothing stored.
/// </summary>
[Authorize(Roles = StaffRoles.Administrator)]
public sealed class AttributeModel(RathausDb db, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public AttributeInput Input { get; set; } = new();

    public Category Category { get; private set; } = null!;
    public ServiceAttribute? Attribute { get; private set; }

    public IEnumerable<SelectListItem> DatatypeItems =>
        Enum.GetValues<AttributeDatatype>().Select(d => new SelectListItem(t[AttributeTexts.DatatypeName(d)], d.ToString()));

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int categoryId, string id, CancellationToken ct)
    {
        if (!await LoadAsync(categoryId, id, ct))
        {
            return NotFound();
        }

        Input = Attribute is null
            ? new AttributeInput { Order = await db.ServiceAttributes.Where(a => a.CategoryId == categoryId).MaxAsync(a => (int?)a.Order, ct) + 1 ?? 1 }
            : AttributeInput.From(Attribute);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int categoryId, string id, CancellationToken ct)
    {
        if (!await LoadAsync(categoryId, id, ct))
        {
            return NotFound();
        }

        var values = await CheckAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var before = Attribute?.Snapshot();
        var attribute = Attribute ?? db.ServiceAttributes.Add(new ServiceAttribute { Code = "", Description = "", CategoryId = Category.Id, Category = Category }).Entity;
        attribute.Code = Input.Code.Trim();
        attribute.Description = Input.Description.Trim();
        attribute.Datatype = Input.Datatype;
        attribute.DatatypeDescription = string.IsNullOrWhiteSpace(Input.DatatypeDescription) ? null : Input.DatatypeDescription.Trim();
        attribute.Order = Input.Order ?? 1;
        attribute.Required = Input.Required;
        attribute.Variable = Input.Variable;
        db.RemoveRange(attribute.Values.Where(v => !values.Any(n => n.Key == v.Key)));
        foreach (var (key, name, order) in values)
        {
            var value = attribute.Values.FirstOrDefault(v => v.Key == key);
            if (value is null)
            {
                attribute.Values.Add(new ServiceAttributeValue { Key = key, Name = name, Order = order });
            }
            else
            {
                (value.Name, value.Order) = (name, order);
            }
        }

        audit.Record(Attribute is null ? "ServiceAttribute.Created" : "ServiceAttribute.Changed", nameof(ServiceAttribute), attribute.AuditKey, before, attribute.Snapshot());
        await db.SaveChangesAsync(ct);
        Message = t["Die Frage „{0}“ wurde gespeichert.", attribute.Code];
        return Redirect($"/intern/zustaendigkeiten/kategorie/{Category.Id}/fragen");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int categoryId, string id, CancellationToken ct)
    {
        if (!await LoadAsync(categoryId, id, ct) || Attribute is null)
        {
            return NotFound();
        }

        audit.Record("ServiceAttribute.Deleted", nameof(ServiceAttribute), Attribute.AuditKey, Attribute.Snapshot(), null);
        db.ServiceAttributes.Remove(Attribute);
        await db.SaveChangesAsync(ct);
        Message = t["Die Frage „{0}“ wurde gelöscht.", Attribute.Code];
        return Redirect($"/intern/zustaendigkeiten/kategorie/{Category.Id}/fragen");
    }

    private async Task<bool> LoadAsync(int categoryId, string id, CancellationToken ct)
    {
        var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null)
        {
            return false;
        }

        Category = category;
        if (id == "neu")
        {
            return true;
        }

        Attribute = int.TryParse(id, out var attributeId)
            ? await db.ServiceAttributes.Include(a => a.Values).SingleOrDefaultAsync(a => a.Id == attributeId && a.CategoryId == categoryId, ct)
            : null;
        return Attribute is not null;
    }

    /// <summary>Checks what the form alone cannot: unique code and order, list values parsed and present when needed.</summary>
    private async Task<List<(string Key, string Name, int Order)>> CheckAsync(CancellationToken ct)
    {
        var ownId = Attribute?.Id ?? 0;
        var code = Input.Code?.Trim() ?? "";
        if (code.Length > 0 && await db.ServiceAttributes.AnyAsync(a => a.CategoryId == Category.Id && a.Code == code && a.Id != ownId, ct))
        {
            ModelState.AddModelError("Input.Code", t["Das Kürzel „{0}“ ist bei diesem Thema schon vergeben.", code]);
        }

        if (Input.Order is int order && await db.ServiceAttributes.AnyAsync(a => a.CategoryId == Category.Id && a.Order == order && a.Id != ownId, ct))
        {
            // GeoReport v2, order: "Any positive integer not used for other attributes in the same service_code".
            ModelState.AddModelError("Input.Order", t["Die Reihenfolge {0} hat schon eine andere Frage dieses Themas.", order]);
        }

        var values = new List<(string Key, string Name, int Order)>();
        var lines = (Input.Values ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length is 0 or > 100 || parts[1].Length is 0 or > 200)
            {
                ModelState.AddModelError("Input.Values", t["Die Zeile „{0}“ hat nicht die Form Schlüssel=Name.", line]);
            }
            else if (values.Any(v => v.Key == parts[0]))
            {
                ModelState.AddModelError("Input.Values", t["Der Schlüssel „{0}“ kommt zweimal vor.", parts[0]]);
            }
            else
            {
                values.Add((parts[0], parts[1], values.Count));
            }
        }

        var isList = Input.Datatype is AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList;
        if (isList && values.Count == 0 && ModelState.GetFieldValidationState("Input.Values") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            ModelState.AddModelError("Input.Values", t["Bitte geben Sie für eine Auswahl mindestens eine Antwortmöglichkeit an."]);
        }
        else if (!isList && values.Count > 0)
        {
            ModelState.AddModelError("Input.Values", t["Antwortmöglichkeiten gibt es nur bei einer Auswahl. Bitte lassen Sie das Feld leer."]);
        }

        return values;
    }
}

public sealed class AttributeInput
{
    [Display(Name = "Kürzel")]
    [Required(ErrorMessage = "Bitte geben Sie ein Kürzel an.")]
    [StringLength(50, ErrorMessage = "Das Kürzel darf höchstens {1} Zeichen lang sein.")]
    [RegularExpression(@"^\s*[A-Za-z0-9_-]+\s*$", ErrorMessage = "Das Kürzel darf nur Buchstaben (ohne Umlaute), Ziffern, Bindestrich und Unterstrich enthalten.")]
    public string Code { get; set; } = "";

    [Display(Name = "Frage")]
    [Required(ErrorMessage = "Bitte geben Sie die Frage an.")]
    [StringLength(500, ErrorMessage = "Die Frage darf höchstens {1} Zeichen lang sein.")]
    public string Description { get; set; } = "";

    [Display(Name = "Art der Antwort")]
    public AttributeDatatype Datatype { get; set; }

    [Display(Name = "Antwortmöglichkeiten")]
    [StringLength(10_000, ErrorMessage = "Die Antwortmöglichkeiten dürfen zusammen höchstens {1} Zeichen lang sein.")]
    public string? Values { get; set; }

    [Display(Name = "Hinweis zur Eingabe")]
    [StringLength(500, ErrorMessage = "Der Hinweis darf höchstens {1} Zeichen lang sein.")]
    public string? DatatypeDescription { get; set; }

    [Display(Name = "Reihenfolge")]
    [Required(ErrorMessage = "Bitte geben Sie die Reihenfolge an.")]
    [Range(1, 9999, ErrorMessage = "Die Reihenfolge muss eine Zahl zwischen {1} und {2} sein.")]
    public int? Order { get; set; }

    public bool Required { get; set; }

    public bool Variable { get; set; } = true;

    public static AttributeInput From(ServiceAttribute attribute) => new()
    {
        Code = attribute.Code,
        Description = attribute.Description,
        Datatype = attribute.Datatype,
        Values = string.Join('\n', attribute.Values.OrderBy(v => v.Order).Select(v => v.Key + "=" + v.Name)),
        DatatypeDescription = attribute.DatatypeDescription,
        Order = attribute.Order,
        Required = attribute.Required,
        Variable = attribute.Variable,
    };
}
