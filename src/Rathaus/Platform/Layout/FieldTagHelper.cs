using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Rathaus.Platform.Layout;

/// <summary>
/// One KERN form field: label, hint, control and the error next to it, with ids and ARIA wired up.
/// Keeps what was typed after a failed validation (the generator reads the attempted value from ModelState).
/// <code>&lt;field for="Input.Name" label="@T["Name"]" hint="…" /&gt;</code>
/// </summary>
[HtmlTargetElement("field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IHtmlGenerator generator, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : TagHelper
{
    public required ModelExpression For { get; set; }
    public required string Label { get; set; }
    public string? Hint { get; set; }

    /// <summary>text, email, password, date, number, textarea, select, checkbox, file.</summary>
    public string Type { get; set; } = "text";

    public IEnumerable<SelectListItem>? Items { get; set; }
    public string? Placeholder { get; set; }
    public string? OptionLabel { get; set; }
    public bool Optional { get; set; }
    public string? OptionalText { get; set; }
    public string? Autocomplete { get; set; }

    /// <summary>Which on-screen keyboard to show, e.g. <c>numeric</c> for postal codes.</summary>
    public string? Inputmode { get; set; }

    /// <summary>For <c>file</c>: the types the picker offers (the server checks the content anyway).</summary>
    public string? Accept { get; set; }

    /// <summary>For <c>file</c>: several files at once.</summary>
    public bool Multiple { get; set; }

    /// <summary>The field that has the cursor when the page opens (forms typed in one after another).</summary>
    public bool Autofocus { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var errors = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.ValidationState == ModelValidationState.Invalid
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList()
            : [];
        var hasError = errors.Count > 0;
        var describedBy = string.Join(' ', new[] { Hint is null ? null : id + "-hint", hasError ? id + "-error" : null }.OfType<string>());

        var control = Type switch
        {
            "textarea" => generator.GenerateTextArea(ViewContext, For.ModelExplorer, For.Name, rows: 5, columns: 0, htmlAttributes: null),
            "select" => generator.GenerateSelect(ViewContext, For.ModelExplorer, OptionLabel, For.Name, Items ?? [], allowMultiple: false, htmlAttributes: null),
            "checkbox" => generator.GenerateCheckBox(ViewContext, For.ModelExplorer, For.Name, isChecked: null, htmlAttributes: null),
            "password" => generator.GeneratePassword(ViewContext, For.ModelExplorer, For.Name, value: null, htmlAttributes: null),
            _ => generator.GenerateTextBox(ViewContext, For.ModelExplorer, For.Name, Value(), format: null, htmlAttributes: null),
        };
        control.Attributes.Remove("data-val");
        foreach (var key in control.Attributes.Keys.Where(k => k.StartsWith("data-val-", StringComparison.Ordinal)).ToList())
        {
            control.Attributes.Remove(key);
        }

        if (Type is not ("textarea" or "select" or "checkbox" or "password"))
        {
            control.Attributes["type"] = Type;
        }

        control.AddCssClass(Type switch
        {
            "select" => "kern-form-input__select",
            "checkbox" => "kern-form-check__checkbox",
            _ => "kern-form-input__input",
        });
        if (hasError)
        {
            control.AddCssClass(Type switch
            {
                "select" => "kern-form-input__select--error",
                "checkbox" => "kern-form-check__checkbox--error",
                _ => "kern-form-input__input--error",
            });
            control.Attributes["aria-invalid"] = "true";
        }

        if (describedBy.Length > 0)
        {
            control.Attributes["aria-describedby"] = describedBy;
        }

        if (Placeholder is not null)
        {
            control.Attributes["placeholder"] = Placeholder;
        }

        if (Autocomplete is not null)
        {
            control.Attributes["autocomplete"] = Autocomplete;
        }

        if (Inputmode is not null)
        {
            control.Attributes["inputmode"] = Inputmode;
        }

        if (Accept is not null)
        {
            control.Attributes["accept"] = Accept;
        }

        if (Multiple)
        {
            control.Attributes["multiple"] = "multiple";
        }

        if (Autofocus)
        {
            control.Attributes["autofocus"] = "autofocus";
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", (Type == "checkbox" ? "kern-form-check" : "kern-form-input") +
            (hasError ? (Type == "checkbox" ? " kern-form-check--error" : " kern-form-input--error") : ""));

        var label = new TagBuilder("label");
        label.AddCssClass("kern-label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label);
        if (Optional)
        {
            label.InnerHtml.AppendHtml(" <span class=\"kern-label__optional\">– ");
            label.InnerHtml.Append(OptionalText ?? t["optional"]);
            label.InnerHtml.AppendHtml("</span>");
        }

        var content = output.Content;
        if (Type == "checkbox")
        {
            content.AppendHtml(control);
            content.AppendHtml(label);
        }
        else
        {
            content.AppendHtml(label);
            if (Hint is not null)
            {
                content.AppendHtml($"<div class=\"kern-hint\" id=\"{id}-hint\">{HtmlEncoder.Default.Encode(Hint)}</div>");
            }

            if (Type == "select")
            {
                content.AppendHtml("<div class=\"kern-form-input__select-wrapper\">");
                content.AppendHtml(control);
                content.AppendHtml("</div>");
            }
            else
            {
                content.AppendHtml(control);
            }
        }

        if (Type == "checkbox")
        {
            // The hidden "false" input that ASP.NET Core pairs with a checkbox.
            content.AppendHtml(generator.GenerateHiddenForCheckbox(ViewContext, For.ModelExplorer, For.Name));
        }

        if (hasError)
        {
            content.AppendHtml($"<p class=\"kern-error\" id=\"{id}-error\"><span class=\"kern-icon kern-icon--danger\" aria-hidden=\"true\"></span><span class=\"kern-body\">");
            content.Append(string.Join(" ", errors));
            content.AppendHtml("</span></p>");
        }
    }

    // HTML date inputs speak ISO 8601 whatever the page language; everything else in the page's culture.
    private string? Value() => For.Model switch
    {
        null or Microsoft.AspNetCore.Http.IFormFile or IEnumerable<Microsoft.AspNetCore.Http.IFormFile> => null, // a browser never takes a value for a file
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, System.Globalization.CultureInfo.CurrentCulture),
    };
}
