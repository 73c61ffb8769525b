namespace OfiSync.PowerShell.Support;

/// <summary>Walks an engine stream on the pipeline thread, so that output is written from the thread PowerShell expects.</summary>
internal static class AsyncStream
{
    /// <param name="idle">Called on the pipeline thread every tenth of a second while the stream has nothing yet (a
    /// batch tried again after a passing fault), so what the engine reported meanwhile is written as it happens.</param>
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
                    var next = enumerator.MoveNextAsync();
                    if (idle is null || next.IsCompleted) more = next.GetAwaiter().GetResult();
                    else
                    {
                        var task = next.AsTask();
                        while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(100)) idle();
                        more = task.GetAwaiter().GetResult();
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
