using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;

namespace Rathaus.Open311.Clients;

/// <summary>Issues API keys, finds the app a key belongs to and keeps each app to its own requests per minute.</summary>
public sealed class ApiKeys : IDisposable
{
    private const string Prefix = "r311_";
    private readonly ConcurrentDictionary<int, (int PerMinute, FixedWindowRateLimiter Limiter)> _limiters = new();

    /// <summary>A new key (256 random bits) and the hash that is stored instead of it.</summary>
    public static (string Key, byte[] Hash) New()
    {
        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (key, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string Recognizable(string key) => key[..Math.Min(key.Length, Prefix.Length + 6)] + "…";

    /// <summary>The active app with this key, or null for a missing, wrong or revoked key.</summary>
    public static async Task<ApiClient?> FindAsync(RathausDb db, string? key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var hash = Hash(key);
        return await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.KeyHash == hash && c.RevokedAt == null, ct);
    }

    /// <summary>
    /// Counts one request of the app in a fixed window of a minute on this node; false when the app is over its limit.
    /// A changed limit takes effect with a fresh window.
    /// </summary>
    public bool TryAcquire(ApiClient client)
    {
        var entry = _limiters.AddOrUpdate(
            client.Id,
            _ => (client.RequestsPerMinute, NewLimiter(client.RequestsPerMinute)),
            (_, existing) => existing.PerMinute == client.RequestsPerMinute ? existing : (client.RequestsPerMinute, NewLimiter(client.RequestsPerMinute)));
        using var lease = entry.Limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static FixedWindowRateLimiter NewLimiter(int perMinute) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, perMinute),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    });

    public void Dispose()
    {
        foreach (var (_, limiter) in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
