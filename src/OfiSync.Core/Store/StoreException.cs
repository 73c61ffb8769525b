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
}

public sealed class StoreException : Exception
{
    public StoreErrorKind Kind { get; }

    public StoreException(StoreErrorKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;
}
