using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.Layout;

/// <summary>
/// A KERN danger alert above a form listing every error with a link to its field, so keyboard and screen-reader
/// users find what to fix. Renders nothing when the form is valid.
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper(IStringLocalizer<SharedResource> t) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.IsValid)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "kern-alert kern-alert--danger kern-mb-lg");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        var html = output.Content;
        html.AppendHtml("<div class=\"kern-alert__header\"><span class=\"kern-icon kern-icon--danger\" aria-hidden=\"true\"></span><span class=\"kern-title\">");
        html.Append(t["Bitte prüfen Sie Ihre Eingaben."]);
        html.AppendHtml("</span></div><div class=\"kern-alert__body\"><ul class=\"kern-list\">");
        foreach (var (key, entry) in modelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid))
        {
            foreach (var error in entry!.Errors.Where(e => e.ErrorMessage.Length > 0))
            {
                html.AppendHtml("<li>");
                if (key.Length > 0)
                {
                    html.AppendHtml($"<a class=\"kern-link\" href=\"#{HtmlEncoder.Default.Encode(TagBuilder.CreateSanitizedId(key, "_"))}\">");
                    html.Append(error.ErrorMessage);
                    html.AppendHtml("</a>");
                }
                else
                {
                    html.Append(error.ErrorMessage);
                }

                html.AppendHtml("</li>");
            }
        }

        html.AppendHtml("</ul></div>");
    }
}
