using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rathaus.Concerns.Model;
using Rathaus.Open311.Clients;

namespace Rathaus.Open311.Api;

/// <summary>What an app sent with a report beyond the concern itself: who sent it and the Open311-only fields.</summary>
public sealed class Open311Request
{
    public long ConcernId { get; set; }
    public Concern? Concern { get; set; }
    public int ApiClientId { get; set; }

    /// <summary>GeoReport v2 token (GET tokens/{token}); leads only to the public service_request_id.</summary>
    public required string Token { get; set; }

    public string? AddressId { get; set; }
    public string? MediaUrl { get; set; }
    public string? DeviceId { get; set; }
    public string? AccountId { get; set; }
}

internal sealed class Open311RequestConfiguration : IEntityTypeConfiguration<Open311Request>
{
    public void Configure(EntityTypeBuilder<Open311Request> request)
    {
        request.HasKey(r => r.ConcernId);
        request.HasOne(r => r.Concern).WithOne().HasForeignKey<Open311Request>(r => r.ConcernId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<ApiClient>().WithMany().HasForeignKey(r => r.ApiClientId).OnDelete(DeleteBehavior.Restrict);
        request.Property(r => r.Token).HasMaxLength(64);
        request.HasIndex(r => r.Token).IsUnique();
        request.Property(r => r.AddressId).HasMaxLength(100);
        request.Property(r => r.MediaUrl).HasMaxLength(2000);
        request.Property(r => r.DeviceId).HasMaxLength(200);
        request.Property(r => r.AccountId).HasMaxLength(200);
    }
}
