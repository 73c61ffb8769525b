namespace OfiSync.Core.Store;

/// <summary>Why a store operation could not be done; the kind lets the cmdlets pick the error category.</summary>
public enum StoreErrorKind
{
    Unreadable,
    NewerSchema,
    AlreadyExists,
    NotFound,
    InUse,
    Invalid,
    /// <summary>There is no store there yet: no file, or a database without OfiSync's tables.</summary>
    Missing,
    /// <summary>The store's schema is older than this module's: a command that changes the store upgrades it.</summary>
    Outdated,
    /// <summary>This account may read the store but not change it.</summary>
    ReadOnly,
}

public sealed class StoreException : Exception
{
    public StoreErrorKind Kind { get; }

    public StoreException(StoreErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;
}
