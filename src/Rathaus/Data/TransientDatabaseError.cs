using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Rathaus.Data;

/// <summary>
/// Tells a database that is away or busy for a moment (connection lost, lock or statement timeout, deadlock, too many
/// connections, SQLite busy) from an error that a retry would only repeat. Work that counts its failed attempts must not
/// count the first kind: a long database outage would otherwise use up the attempts of perfectly good work.
/// </summary>
public static class TransientDatabaseError
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool Is(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked:
                case DbException { IsTransient: true }:
                case TimeoutException:
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }
}
