using System.Data.Common;

namespace OfiSync.Core.Engine;

/// <summary>
/// A database that another program holds locked (a write transaction left open, another sync): a passing fault,
/// tried again with backoff, that names the connection and the database (the file of an embedded one) it is about.
/// </summary>
public sealed class DatabaseLockedException : DbException
{
    public string Connection { get; }
    public string Database { get; }

    public DatabaseLockedException(string connection, string database, Exception inner)
        : base(Messages.DatabaseLocked(connection, database, inner.Message), inner)
    {
        Connection = connection;
        Database = database;
    }
}
