using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Rathaus.Platform.Layout;

/// <summary>
/// A KERN alert: <c>&lt;alert kind="success" title="@Model.Message" /&gt;</c>, optionally with body content.
/// Renders nothing without a title, so a page can pass a message that is only sometimes there.
/// Errors are announced at once (role alert), everything else politely (role status).
/// </summary>
[HtmlTargetElement("alert", Attributes = "title")]
public sealed class AlertTagHelper : TagHelper
{
    public string? Title { get; set; }

    /// <summary>info, success, warning or danger.</summary>
    public string Kind { get; set; } = "info";

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (string.IsNullOrEmpty(Title))
        {
            output.SuppressOutput();
            return;
        }

        var body = await output.GetChildContentAsync();
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", $"kern-alert kern-alert--{Kind}");
        output.Attributes.SetAttribute("role", Kind == "danger" ? "alert" : "status");
        output.Content.AppendHtml($"<div class=\"kern-alert__header\"><span class=\"kern-icon kern-icon--{Kind}\" aria-hidden=\"true\"></span><span class=\"kern-title\">");
        output.Content.Append(Title);
        output.Content.AppendHtml("</span></div>");
        if (!body.IsEmptyOrWhiteSpace)
        {
            output.Content.AppendHtml("<div class=\"kern-alert__body\">");
            output.Content.AppendHtml(body);
            output.Content.AppendHtml("</div>");
        }
    }
}
