namespace OfiSync.Core.Store;

/// <summary>A row's state as the store writes it: its key, the hash of what was written, the CRM id, and how its last write went.</summary>
public sealed record StoredState(string Key, byte[]? Hash, string? TargetId, StateStatus Status);
