namespace OfiSync.PowerShell.Support;

/// <summary>Walks an engine stream on the pipeline thread, so that output is written from the thread PowerShell expects.</summary>
internal static class AsyncStream
{
    /// <param name="idle">Called on the pipeline thread about every quarter second while the next item is awaited, so that
    /// progress, warnings and verbose messages come out while a long stretch of work yields nothing.</param>
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
                    var next = enumerator.MoveNextAsync().AsTask();
                    if (idle is not null)
                        while (!((IAsyncResult)next).AsyncWaitHandle.WaitOne(250)) idle();
                    more = next.GetAwaiter().GetResult();
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
