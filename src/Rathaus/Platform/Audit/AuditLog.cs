using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Rathaus.Data;
using Rathaus.Platform.Auth;

namespace Rathaus.Platform.Audit;

/// <summary>
/// Writes audit entries into the same unit of work as the change they describe, so both commit or neither does.
/// </summary>
public sealed class AuditLog(RathausDb db, IHttpContextAccessor http, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Adds an entry to the context; the caller's <c>SaveChanges</c> stores it with the change.</summary>
    /// <param name="actor">Who acted when it was no staff member, e.g. "Bürgerin/Bürger".</param>
    public void Record(string action, string entityType, string entityKey, object? before, object? after, string? actor = null)
    {
        var user = actor is null ? http.HttpContext?.User : null;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            StaffMemberId = Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            StaffMemberName = actor ?? user?.FindFirstValue(StaffClaims.DisplayName) ?? user?.Identity?.Name ?? "System",
            PositionId = int.TryParse(user?.FindFirstValue(StaffClaims.ActingPositionId), out var positionId) ? positionId : null,
            PositionTitle = user?.FindFirstValue(StaffClaims.ActingPositionTitle),
            Action = action,
            EntityType = entityType,
            EntityKey = entityKey,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }

    /// <summary>Refuses any change to stored entries; the triggers in the migrations do the same in the database.</summary>
    internal static void GuardAppendOnly(DbContext context)
    {
        if (context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only.");
        }
    }
}
