using System.Globalization;

namespace OfiSync.Core;

public static partial class Messages
{
    public static string BulkLoadIncomplete(int sent, int loaded) =>
        string.Create(CultureInfo.InvariantCulture, $"LOAD DATA loaded {loaded} of the {sent} rows sent to the staging table; nothing of the batch was written.");
}
