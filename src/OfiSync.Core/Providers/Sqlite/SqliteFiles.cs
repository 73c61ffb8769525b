using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace OfiSync.Core.Providers.Sqlite;

/// <summary>
/// Keeps a SQLite store's -wal and -shm files beside it when the last connection closes. SQLite reads a WAL-mode
/// database through them; an account that may read the store but not write its folder cannot create them, so they
/// must stay (emptied: the WAL is checkpointed and truncated on close, so the store file alone stays complete).
/// </summary>
internal static class SqliteFiles
{
    private const int PersistWal = 10; // SQLITE_FCNTL_PERSIST_WAL

    // The native library SQLitePCLRaw itself loads (the module's load context resolves it); SQLitePCLRaw does not expose this call.
    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", CallingConvention = CallingConvention.Cdecl)]
    private static extern int FileControl(IntPtr db, byte[] databaseName, int operation, ref int argument);

    private static readonly byte[] Main = Encoding.ASCII.GetBytes("main\0");
    private static bool _unavailable;

    public static void KeepWalFiles(SqliteConnection connection)
    {
        if (_unavailable || connection.Handle is not { } handle) return;
        try
        {
            var on = 1;
            // An older SQLite without the setting answers with an error code: the store works, as it did before it.
            _ = FileControl(handle.DangerousGetHandle(), Main, PersistWal, ref on);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another SQLite bundle: the store works as before; only a read-only account may not be able to read it.
            _unavailable = true;
        }
    }
}
