using System.Data.Common;
using Dapper;
using OfiSync.Core.Providers;

namespace OfiSync.Core.Store;

/// <summary>
/// One run of a line at a time, across processes and, for server stores, across machines: a PostgreSQL advisory lock,
/// a SQL Server application lock, or, for a SQLite store, an exclusive lock on a file beside it. Each is held by a
/// connection or handle of its own, so the operating system or the server releases it if the process dies.
/// </summary>
public sealed partial class SyncStore
{
    /// <summary>Takes the line's run lock, waiting up to <paramref name="timeout"/>; null when another run holds it.</summary>
    public async Task<IAsyncDisposable?> TryLockLineAsync(Guid lineId, TimeSpan timeout, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var held = await TryLockOnceAsync(lineId, cancel).ConfigureAwait(false);
            if (held is not null) return held;
            if (DateTime.UtcNow >= deadline) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(10, (deadline - DateTime.UtcNow).TotalMilliseconds))), cancel).ConfigureAwait(false);
        }
    }

    private async Task<IAsyncDisposable?> TryLockOnceAsync(Guid lineId, CancellationToken cancel)
    {
        switch (Provider)
        {
            case ProviderKind.Sqlite:
                var folder = Location.FilePath + ".locks";
                Directory.CreateDirectory(folder);
                try
                {
                    var stream = new FileStream(Path.Combine(folder, lineId.ToString("N") + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new Held(() => { stream.Dispose(); return ValueTask.CompletedTask; });
                }
                catch (IOException)
                {
                    return null;
                }
            case ProviderKind.PostgreSql:
            {
                var connection = OpenConnection();
                var key = BitConverter.ToInt64(lineId.ToByteArray(), 0);
                if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@key)", new { key }, cancellationToken: cancel)).ConfigureAwait(false))
                    return new Held(async () =>
                    {
                        // Released explicitly: a pooled connection would otherwise keep the lock for its next user.
                        try { await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key }).ConfigureAwait(false); }
                        finally { await connection.DisposeAsync().ConfigureAwait(false); }
                    });
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }
            default:
            {
                var connection = OpenConnection();
                var resource = "OfiSync.Line." + lineId.ToString("N");
                var result = await connection.ExecuteScalarAsync<int>(new CommandDefinition(StoreSql.SqlServerGetAppLock, new { resource }, cancellationToken: cancel)).ConfigureAwait(false);
                if (result >= 0)
                    return new Held(async () =>
                    {
                        try { await connection.ExecuteAsync(StoreSql.SqlServerReleaseAppLock, new { resource }).ConfigureAwait(false); }
                        finally { await connection.DisposeAsync().ConfigureAwait(false); }
                    });
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }
        }
    }

    private sealed class Held : IAsyncDisposable
    {
        private Func<ValueTask>? _release;

        public Held(Func<ValueTask> release) => _release = release;

        public ValueTask DisposeAsync()
        {
            var release = Interlocked.Exchange(ref _release, null);
            return release?.Invoke() ?? ValueTask.CompletedTask;
        }
    }
}
