using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OfiSync.Core.Engine;

/// <summary>
/// A SQLite database that another program holds locked (a write transaction left open, another sync): a passing
/// fault, tried again with backoff, that names the connection and the file it is about.
/// </summary>
public sealed class DatabaseLockedException : DbException
{
    public string Connection { get; }
    public string File { get; }

    public DatabaseLockedException(string connection, string file, SqliteException inner)
        : base(Messages.DatabaseLocked(connection, file, inner.Message), inner)
    {
        Connection = connection;
        File = file;
    }
}
