namespace Rathaus;

/// <summary>
/// Marks a German text that code outside the pages produces and a page later translates (<c>t[message]</c>).
/// Returns the text unchanged; the translation test finds every call with a literal and checks its English version.
/// </summary>
public static class Texts
{
    public static string Key(string german) => german;
}
