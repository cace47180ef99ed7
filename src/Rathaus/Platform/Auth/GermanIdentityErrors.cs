using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Rathaus.Platform.Auth;

/// <summary>Identity's password and account messages, German first, English through the resources.</summary>
internal sealed class GermanIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, LocalizedString text) => new() { Code = code, Description = text };

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), t["Das Passwort muss mindestens {0} Zeichen lang sein.", length]);
    public override IdentityError PasswordRequiresDigit() =>
        Error(nameof(PasswordRequiresDigit), t["Das Passwort muss mindestens eine Ziffer enthalten."]);
    public override IdentityError PasswordRequiresLower() =>
        Error(nameof(PasswordRequiresLower), t["Das Passwort muss mindestens einen Kleinbuchstaben enthalten."]);
    public override IdentityError PasswordRequiresUpper() =>
        Error(nameof(PasswordRequiresUpper), t["Das Passwort muss mindestens einen Großbuchstaben enthalten."]);
    public override IdentityError PasswordMismatch() =>
        Error(nameof(PasswordMismatch), t["Das Passwort ist falsch."]);
    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), t["Der Benutzername „{0}“ ist schon vergeben.", userName]);
    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), t["Der Benutzername „{0}“ darf nur Buchstaben, Ziffern und . - _ @ enthalten.", userName ?? ""]);
    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), t["Der Code ist ungültig oder abgelaufen."]);
}
