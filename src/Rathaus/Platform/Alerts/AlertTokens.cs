using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Rathaus.Platform.Alerts;

/// <summary>The secrets in the confirmation and unsubscribe links: 256 random bits, base64url (43 characters).</summary>
public sealed class AlertTokens(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Rathaus.Platform.Alerts.UnsubscribeToken");

    public static (string Token, byte[] Hash) New()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    public string Protect(string token) => _protector.Protect(token);

    public string Reveal(string protectedToken) => _protector.Unprotect(protectedToken);

    /// <summary>Only well-formed tokens reach the database; anything else is "not found" at once.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
