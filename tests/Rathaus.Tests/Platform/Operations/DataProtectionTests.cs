using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Rathaus.Tests.Infrastructure;

namespace Rathaus.Tests.Platform.Operations;

/// <summary>An installation that encrypts its data-protection keys with a certificate (DataProtection:CertificatePath).</summary>
public sealed class CertificateProtectedApp : RathausApp
{
    private const string Password = "Zertifikat-Test-1";
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"rathaus-dp-{Guid.NewGuid():N}.pfx");

    public CertificateProtectedApp() : base(global::Rathaus.Data.DatabaseProvider.Sqlite)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Rathaus Data Protection Test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(_certificatePath, certificate.Export(X509ContentType.Pfx, Password));
    }

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("DataProtection:CertificatePath", _certificatePath), ("DataProtection:CertificatePassword", Password)];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_certificatePath);
    }
}

[CollectionDefinition(nameof(CertificateProtectedApp))]
public sealed class CertificateProtectedCollection : ICollectionFixture<CertificateProtectedApp>;

[Collection(nameof(CertificateProtectedApp))]
public sealed class DataProtectionTests(CertificateProtectedApp app)
{
    [Fact]
    public async Task Keys_are_stored_in_the_database_encrypted_with_the_configured_certificate()
    {
        // A login needs the keys (antiforgery token, cookie), so afterwards at least one key is stored.
        using var client = await app.LoggedInAsync(DemoAccounts.Admin);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.Http.GetAsync("/intern")).StatusCode);

        await using var db = app.Db();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedXml", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }
}
