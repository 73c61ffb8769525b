using System.Management.Automation;
using OfiSync.Core.Connections;
using OfiSync.Core.Store;

namespace OfiSync.PowerShell.Support;

/// <summary>Builds the ErrorRecords of every cmdlet: an id, a category, the item as target, and what to do.</summary>
internal static class Errors
{
    public static ErrorRecord Create(string id, ErrorCategory category, object? target, string message, Exception? inner = null, string? recommendedAction = null)
    {
        var exception = inner is not null && inner.Message == message ? inner : new OfiSyncException(message, inner);
        var record = new ErrorRecord(exception, id, category, target);
        record.ErrorDetails = new ErrorDetails(message);
        if (recommendedAction is not null) record.ErrorDetails.RecommendedAction = recommendedAction;
        return record;
    }

    public static ErrorRecord FromStore(StoreException ex, object? target) => Create(
        "Store" + ex.Kind,
        ex.Kind switch
        {
            StoreErrorKind.AlreadyExists => ErrorCategory.ResourceExists,
            StoreErrorKind.NotFound or StoreErrorKind.Missing => ErrorCategory.ObjectNotFound,
            StoreErrorKind.InUse => ErrorCategory.ResourceBusy,
            StoreErrorKind.NewerSchema or StoreErrorKind.Outdated => ErrorCategory.InvalidData,
            StoreErrorKind.Invalid => ErrorCategory.InvalidArgument,
            StoreErrorKind.ReadOnly => ErrorCategory.PermissionDenied,
            _ => ErrorCategory.ReadError,
        },
        target, ex.Message, ex);

    public static ErrorRecord FromConnection(SyncConnectionException ex, object? target) =>
        Create(ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, target, ex.Message, ex);

    public static ErrorRecord InvalidArgument(string id, object? target, string message) =>
        Create(id, ErrorCategory.InvalidArgument, target, message);

    public static ErrorRecord NotFound(string id, object? target, string message) =>
        Create(id, ErrorCategory.ObjectNotFound, target, message);
}

/// <summary>The exception inside OfiSync's ErrorRecords, so scripts can catch [OfiSync.PowerShell.Support.OfiSyncException].</summary>
public sealed class OfiSyncException : Exception
{
    public OfiSyncException(string message, Exception? inner = null) : base(message, inner) { }
}
