using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rathaus.Open311.Clients;

/// <summary>
/// An app that may submit reports through Open311 (POST requests needs an api_key). The key is shown once when it is
/// issued; the database keeps only its SHA-256 hash. Each app has its own rate limit.
/// </summary>
public sealed class ApiClient
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Who runs the app (a person, an address), so the city can reach them.</summary>
    public string? Contact { get; set; }

    public required byte[] KeyHash { get; set; }

    /// <summary>The key's first characters, so staff can tell keys apart without knowing them.</summary>
    public required string KeyPrefix { get; set; }

    public int RequestsPerMinute { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public object Snapshot() => new { Name, Contact, KeyPrefix, RequestsPerMinute, RevokedAt };
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> client)
    {
        client.Property(c => c.Name).HasMaxLength(200);
        client.Property(c => c.Contact).HasMaxLength(500);
        client.Property(c => c.KeyHash).HasMaxLength(32);
        client.HasIndex(c => c.KeyHash).IsUnique();
        client.Property(c => c.KeyPrefix).HasMaxLength(20);
    }
}
