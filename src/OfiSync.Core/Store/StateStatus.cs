namespace OfiSync.Core.Store;

/// <summary>How a row's last write went, as the store keeps it (a number: the state is one small row per source row).</summary>
public enum StateStatus : byte
{
    /// <summary>Written, with the hash of what was written: unchanged rows are not sent again.</summary>
    Succeeded = 0,
    /// <summary>The last write failed: no hash, so the next run tries it again.</summary>
    Failed = 1,
    /// <summary>Being written: marked before the target's commit, so a run that dies before the store's commit is repaired by the next.</summary>
    Pending = 2,
}
