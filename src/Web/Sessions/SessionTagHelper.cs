using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// Carries the session ticket in what a settings page sends back: a hidden <c>__session</c> field in every form, and
/// the <c>__session</c> query parameter on links marked <c>pm-session</c>. Nothing is added outside a checked session.
/// </summary>
[HtmlTargetElement("form")]
[HtmlTargetElement("a", Attributes = LinkAttribute)]
public sealed class SessionTagHelper : TagHelper
{
    public const string LinkAttribute = "pm-session";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(LinkAttribute);
        if (ViewContext.HttpContext.Features.Get<SettingsSessionFeature>() is not { Granted: true, Ticket.Length: > 0 } feature)
        {
            return;
        }

        if (output.TagName == "form")
        {
            var field = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
            field.Attributes["type"] = "hidden";
            field.Attributes["name"] = SettingsSessionHandler.FieldName;
            field.Attributes["value"] = feature.Ticket;
            output.PostContent.AppendHtml(field);
        }
        else if (output.Attributes["href"]?.Value?.ToString() is { Length: > 0 } href)
        {
            var separator = href.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            output.Attributes.SetAttribute("href", $"{href}{separator}{SettingsSessionHandler.FieldName}={Uri.EscapeDataString(feature.Ticket)}");
        }
    }
}
