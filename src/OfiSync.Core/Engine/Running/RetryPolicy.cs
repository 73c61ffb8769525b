using System.Data.Common;
using System.Diagnostics;
using OfiSync.Core.Connections;
using OfiSync.Core.Lines;

namespace OfiSync.Core.Engine;

/// <summary>
/// The one way a run tries work again after a passing fault (a lost connection, a restarted server, a database another
/// program holds locked): opening the line, marking keys Pending, writing a batch, deleting, committing to the store.
/// It waits 0.5, 1, 2, 4... seconds, reconnects, and tries again, up to <see cref="SyncOptions.Retries"/> times, telling
/// <see cref="SyncOptions.OnRetry"/> each time. Every step is idempotent: a batch is one transaction and an upsert.
/// </summary>
internal sealed class RetryPolicy
{
    private readonly SyncLine _line;
    private readonly SyncOptions _options;
    private readonly CancellationToken _cancel;

    public RetryPolicy(SyncLine line, SyncOptions options, CancellationToken cancel)
    {
        _line = line;
        _options = options;
        _cancel = cancel;
    }

    /// <summary>How many times the steps run so far were tried again.</summary>
    public int Retries { get; private set; }

    /// <summary>Runs a step, tried again after a passing fault once <paramref name="reconnect"/> succeeded.</summary>
    public async Task RunAsync(Func<Task> step, Func<Task>? reconnect = null, Func<Exception, bool>? passing = null)
    {
        passing ??= Faults.IsPassing;
        var attempt = 0;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await step().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < _options.Retries && !_cancel.IsCancellationRequested && passing(ex))
            {
                var reason = ex;
                // Wait, then reconnect; a server still down fails the reconnection, which waits longer in turn.
                while (true)
                {
                    attempt++;
                    Retries++;
                    var delay = TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt - 1));
                    _options.OnRetry?.Invoke(Messages.Retrying(_line.Name, attempt, _options.Retries, delay, Reason(reason)));
                    await Task.Delay(delay, _cancel).ConfigureAwait(false);
                    try
                    {
                        if (reconnect is not null) await reconnect().ConfigureAwait(false);
                        break;
                    }
                    catch (Exception again) when (attempt < _options.Retries && Faults.IsPassing(again))
                    {
                        reason = again;
                    }
                }
            }
            catch (DatabaseLockedException locked) when (!_cancel.IsCancellationRequested)
            {
                // The tries ran out (or there were none): the lock is the line's error, named.
                throw SyncLineException.Of(_line.Name, () => Messages.DatabaseStayedLocked(_line.Name, locked.Connection, locked.Database, watch.Elapsed, attempt + 1), locked);
            }
        }
    }

    private static string Reason(Exception ex) => ex is DatabaseLockedException ? ex.Message : (ex.InnerException as DbException ?? ex).Message;

    /// <summary>A failure that ends the line (the database went away, a table changed), as opposed to a row at fault.</summary>
    public static bool Fatal(Exception ex, CancellationToken cancel) =>
        !cancel.IsCancellationRequested && ex is DbException or SyncLineException or SyncConnectionException or InvalidOperationException or IOException;

    /// <summary>The error a line that could not complete ends with: its own message, named by the line.</summary>
    public static Exception Wrap(SyncLine line, Exception error) =>
        error is SyncLineException or SyncConnectionException ? error : new SyncLineException(line.Name, error.Message, error);
}
