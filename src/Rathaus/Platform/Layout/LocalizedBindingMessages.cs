using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Rathaus.Platform.Layout;

/// <summary>Model binding's own messages ("The value '' is invalid.") in German and English.</summary>
internal sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var t = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => t["Der Wert „{0}“ ist ungültig.", v]);
        m.SetValueMustBeANumberAccessor(f => t["Das Feld „{0}“ muss eine Zahl sein.", f]);
        m.SetValueMustNotBeNullAccessor(f => t["Bitte füllen Sie das Feld „{0}“ aus.", f]);
        m.SetAttemptedValueIsInvalidAccessor((v, f) => t["Der Wert „{0}“ ist für das Feld „{1}“ ungültig.", v, f]);
        m.SetMissingBindRequiredValueAccessor(f => t["Bitte füllen Sie das Feld „{0}“ aus.", f]);
        m.SetMissingKeyOrValueAccessor(() => t["Bitte geben Sie einen Wert an."]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => t["Bitte geben Sie einen Wert an."]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => t["Der Wert „{0}“ ist ungültig.", v]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Der angegebene Wert ist ungültig."]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => t["Bitte geben Sie eine Zahl ein."]);
        m.SetUnknownValueIsInvalidAccessor(f => t["Der angegebene Wert für „{0}“ ist ungültig.", f]);
    }
}
