
namespace OfiSync.Core.Store;

/// <summary>
/// One run of a line at a time, across processes and, for server stores, across machines: each database's store takes
/// its own kind of lock (<see cref="Providers.StoreDialect.TryLockLineAsync"/>), held by a connection or handle of its
/// own, so the operating system or the server releases it if the process dies.
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

    private Task<IAsyncDisposable?> TryLockOnceAsync(Guid lineId, CancellationToken cancel) =>
        Dialect.TryLockLineAsync(Location, OpenConnection, lineId, cancel);
}
