using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Rathaus.Concerns.Intake;

/// <summary>
/// Zugangslinks: 256 random bits, base64url in the citizen's link. The database keeps the SHA-256 (for lookup) and an
/// encrypted copy (to show the link again when a submission is retried); a leaked table alone opens no concern.
/// </summary>
public sealed class TrackingTokens(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Rathaus.Concerns.TrackingToken");

    public (string Token, byte[] Hash, string Protected) New()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token), _protector.Protect(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    public string Reveal(string protectedToken) => _protector.Unprotect(protectedToken);

    /// <summary>Only well-formed tokens reach the database; anything else is "not found" at once.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
