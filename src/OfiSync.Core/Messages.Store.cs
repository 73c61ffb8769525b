namespace OfiSync.Core;

public static partial class Messages
{
    public static string EmptyLineDefinition => Text.Get(nameof(EmptyLineDefinition));
    public static string ConstantMustBeScalar => Text.Get(nameof(ConstantMustBeScalar));

    public static string StoreUnreadable(string store, string reason) => Text.Format(nameof(StoreUnreadable), store, reason);
    public static string StoreTooNew(string store, int version, int known) => Text.Format(nameof(StoreTooNew), store, version, known);
    public static string LineExists(string name) => Text.Format(nameof(LineExists), name);
    public static string LineNotFound(string name) => Text.Format(nameof(LineNotFound), name);
    public static string ConnectionExists(string name) => Text.Format(nameof(ConnectionExists), name);
    public static string ConnectionNotFound(string name) => Text.Format(nameof(ConnectionNotFound), name);
    public static string ConnectionInUse(string name, IEnumerable<string> lines) =>
        Text.Format(nameof(ConnectionInUse), name, string.Join(", ", lines.Select(l => "'" + l + "'")));
}

public static partial class Messages
{
    public static string DefaultStore => Text.Get(nameof(DefaultStore));
    public static string UsingStore(string store) => Text.Format(nameof(UsingStore), store);
    public static string NoLineMatches(string pattern) => Text.Format(nameof(NoLineMatches), pattern);
    public static string NoConnectionMatches(string pattern) => Text.Format(nameof(NoConnectionMatches), pattern);
}

public static partial class Messages
{
    public static string ConnectionTarget(string name, string store) => Text.Format(nameof(ConnectionTarget), name, store);
    public static string LineTarget(string name, string store) => Text.Format(nameof(LineTarget), name, store);
    public static string ActionNewConnection => Text.Get(nameof(ActionNewConnection));
    public static string ActionOn(string action, string target) => Text.Format(nameof(ActionOn), action, target);
    public static string ActionNewLine => Text.Get(nameof(ActionNewLine));
    public static string ActionSetLine => Text.Get(nameof(ActionSetLine));
    public static string ActionRemove => Text.Get(nameof(ActionRemove));
    public static string ActionRemoveLine => Text.Get(nameof(ActionRemoveLine));
    public static string ActionImportLine => Text.Get(nameof(ActionImportLine));
    public static string ActionReplaceLine => Text.Get(nameof(ActionReplaceLine));
}

public static partial class Messages
{
    public static string StoreMissing(string file) => Text.Format(nameof(StoreMissing), file);
    public static string StoreNotInitialized(string store) => Text.Format(nameof(StoreNotInitialized), store);
    public static string StoreOutdated(string store, int version, int known) => Text.Format(nameof(StoreOutdated), store, version, known);
    public static string StoreWalFilesMissing(string file) => Text.Format(nameof(StoreWalFilesMissing), file);
    public static string StoreReadOnly(string store) => Text.Format(nameof(StoreReadOnly), store);
    public static string StoreConnectionStringInvalid(string store, string reason) => Text.Format(nameof(StoreConnectionStringInvalid), store, reason);
    public static string HistoryFormatUnknown(long runId) => Text.Format(nameof(HistoryFormatUnknown), runId);
}
