using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Rathaus.Data;

/// <summary>Reads every DateTime back as UTC, so SQLite (which stores no kind) and PostgreSQL behave alike.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
