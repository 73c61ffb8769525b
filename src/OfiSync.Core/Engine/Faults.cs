using OfiSync.Core.Providers;
using OfiSync.Core.Store;

namespace OfiSync.Core.Engine;

/// <summary>
/// Which errors are about the data of a row (the row fails, the others go on), which are passing faults of the
/// connection or the server (the work is tried again on a new connection), and which end the line. Each database's
/// provider knows its driver's errors (<see cref="IDatabaseProvider.Classify"/>).
/// </summary>
public static class Faults
{
    /// <summary>The values of one row are at fault: a constraint, a conversion, a value out of range.</summary>
    public static bool IsRowError(Exception ex) => DatabaseProviders.Classify(ex) == FaultKind.Row;

    /// <summary>A passing fault (a lost connection, a restarted server, a database another program holds locked): try again.</summary>
    public static bool IsPassing(Exception ex) =>
        DatabaseProviders.Classify(ex is StoreException { InnerException: { } inner } ? inner : ex) is FaultKind.Transient or FaultKind.Locked;

    /// <summary>Another program holds the database locked.</summary>
    public static bool IsLocked(Exception ex) => DatabaseProviders.Classify(ex) == FaultKind.Locked;
}
