using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Rathaus.Post;

public static class PostTexts
{
    public static string KindName(PostKind kind) => kind switch
    {
        PostKind.CitizenConcern => Texts.Key("Anliegen einer Bürgerin oder eines Bürgers"),
        PostKind.Invoice => Texts.Key("Rechnung"),
        PostKind.OfficialDocument => Texts.Key("Behördliches Schreiben"),
        PostKind.InternalPost => Texts.Key("Hauspost"),
        PostKind.Other => Texts.Key("Sonstiges"),
        _ => kind.ToString(),
    };

    public static IEnumerable<SelectListItem> KindItems(IStringLocalizer t) =>
        Enum.GetValues<PostKind>().Select(k => new SelectListItem(t[KindName(k)], k.ToString()));
}
