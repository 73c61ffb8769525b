using System.Globalization;

namespace OfiSync.Core;

public static partial class Messages
{
    public static string BulkLoadIncomplete(int sent, int loaded) => Text.Format(nameof(BulkLoadIncomplete), loaded, sent);
}
