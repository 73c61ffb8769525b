using System.Data.Common;

namespace OfiSync.Core.Store;

/// <summary>
/// One store connection kept open for the length of a run (a batch's commit or state look-up then costs its statements,
/// not a connection and its settings). A failure closes it; the next call opens a new one, so a run tried again after a
/// lost connection finds a fresh one.
/// </summary>
internal sealed class StoreSession : IDisposable
{
    private readonly SyncStore _store;
    private DbConnection? _connection;

    public StoreSession(SyncStore store) => _store = store;

    /// <summary>Work done in one transaction, committed at its end.</summary>
    public T Write<T>(Func<DbConnection, DbTransaction, T> work) => Use(c =>
    {
        using var transaction = c.BeginTransaction();
        var result = work(c, transaction);
        transaction.Commit();
        return result;
    });

    public T Read<T>(Func<DbConnection, T> work) => Use(work);

    private T Use<T>(Func<DbConnection, T> work)
    {
        try
        {
            _connection ??= _store.OpenConnection();
            return work(_connection);
        }
        catch (Exception ex)
        {
            Dispose();
            if (ex is DbException db) throw _store.Unreadable(db);
            throw;
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
