namespace Rathaus.Platform.Auth;

/// <summary>The <c>Auth</c> section of the configuration.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>When true, staff without two-factor authentication must enrol before they can work.</summary>
    public bool RequireTwoFactor { get; set; }
}
