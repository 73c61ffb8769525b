namespace OfiSync.PowerShell.Support;

/// <summary>Walks an engine stream on the pipeline thread, so that output is written from the thread PowerShell expects.</summary>
internal static class AsyncStream
{
    /// <param name="idle">Called on the pipeline thread every tenth of a second while the stream has nothing yet (a long
    /// stretch of unchanged rows, a batch tried again after a passing fault), so that progress, warnings and verbose
    /// messages the engine reported meanwhile are written as they happen.</param>
    public static IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> source, CancellationToken cancel, Action? idle = null)
    {
        var enumerator = source.GetAsyncEnumerator(cancel);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    // Most items are ready at once (a committed batch's results): read those without a Task or a wait
                    // handle each. A ValueTask of an async iterator may be awaited only once it completes: one that is
                    // not is waited on as a Task.
                    var step = enumerator.MoveNextAsync();
                    if (step.IsCompleted) more = step.GetAwaiter().GetResult();
                    else
                    {
                        var next = step.AsTask();
                        if (idle is not null)
                            while (!((IAsyncResult)next).AsyncWaitHandle.WaitOne(100)) idle();
                        more = next.GetAwaiter().GetResult();
                    }
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested) { throw new System.Management.Automation.PipelineStoppedException(); }
                if (!more) yield break;
                yield return enumerator.Current;
            }
        }
        finally
        {
            // Ends the run properly (its history is written) even when the pipeline stops early.
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
