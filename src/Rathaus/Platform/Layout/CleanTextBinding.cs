using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rathaus.Platform.Layout;

/// <summary>
/// Every text a form sends is cleaned of control characters other than tab and line breaks. They cannot be typed,
/// are invisible on screen and break things further on: PostgreSQL refuses NUL in text, XML (Open311) forbids the
/// whole C0 range. A pasted text keeps everything a person can see.
/// </summary>
internal sealed class CleanTextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string)
            ? new CleanTextModelBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
}

internal sealed class CleanTextModelBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        await inner.BindModelAsync(bindingContext);
        if (bindingContext.Result is { IsModelSet: true, Model: string text } && text.Any(IsInvisibleControl))
        {
            bindingContext.Result = ModelBindingResult.Success(new string(text.Where(c => !IsInvisibleControl(c)).ToArray()));
        }
    }

    internal static bool IsInvisibleControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');
}
