namespace OfiSync.PowerShell.Support;

/// <summary>Walks an engine stream on the pipeline thread, so that output is written from the thread PowerShell expects.</summary>
internal static class AsyncStream
{
    public static IEnumerable<T> Enumerate<T>(IAsyncEnumerable<T> source, CancellationToken cancel)
    {
        var enumerator = source.GetAsyncEnumerator(cancel);
        try
        {
            while (true)
            {
                bool more;
                try { more = enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult(); }
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
