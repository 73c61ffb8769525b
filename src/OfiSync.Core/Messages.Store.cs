namespace OfiSync.Core;

public static partial class Messages
{
    public const string EmptyLineDefinition = "The definition is empty.";
    public const string ConstantMustBeScalar = "A constant or flag value must be a string, a number, a boolean, a date or $null.";

    public static string StoreUnreadable(string store, string reason) =>
        $"The OfiSync store '{store}' cannot be read: {reason} Check the path given by -Store or the OFISYNC_STORE environment variable, and that this account may read it (and write it, for the commands that change it).";
    public static string StoreTooNew(string store, int version, int known) =>
        $"The OfiSync store '{store}' has schema version {version}, written by a newer OfiSync; this module knows versions up to {known}. Update the OfiSync module, or use another store with -Store. The store was not changed.";
    public static string LineExists(string name) =>
        $"A sync line named '{name}' already exists. Choose another name, change the existing line with Set-SyncLine, or import with -Force to replace it.";
    public static string LineNotFound(string name) =>
        $"No sync line named '{name}' exists in the store. Get-SyncLine lists the lines.";
    public static string ConnectionExists(string name) =>
        $"A connection named '{name}' already exists. Choose another name, or use Set-SyncConnection to change it.";
    public static string ConnectionNotFound(string name) =>
        $"No connection named '{name}' exists in the store. New-SyncConnection adds one; Get-SyncConnection lists them.";
    public static string ConnectionInUse(string name, IEnumerable<string> lines) =>
        $"The connection '{name}' is used by the sync lines {string.Join(", ", lines.Select(l => "'" + l + "'"))}. Change or remove those lines first.";
}

public static partial class Messages
{
    public static string UsingStore(string store) => $"Using the OfiSync store {store}";
    public static string NoLineMatches(string pattern) => $"No sync line matches '{pattern}'. Get-SyncLine lists the lines.";
    public static string NoConnectionMatches(string pattern) => $"No connection matches '{pattern}'. Get-SyncConnection lists them.";
}

public static partial class Messages
{
    public static string ConnectionTarget(string name, string store) => $"connection '{name}' in the store {store}";
    public static string LineTarget(string name, string store) => $"sync line '{name}' in the store {store}";
    public const string ActionNewConnection = "Save the connection";
    public static string ActionOn(string action, string target) => $"{action}: {target}";
    public const string ActionNewLine = "Add the sync line";
    public const string ActionSetLine = "Change the sync line";
    public const string ActionRemove = "Remove";
    public const string ActionRemoveLine = "Remove the sync line and its sync state (its run history stays)";
    public const string ActionImportLine = "Import the sync line";
    public const string ActionReplaceLine = "Replace the sync line with the imported one (its sync state stays)";
}

public static partial class Messages
{
    public static string StoreMissing(string file) =>
        $"There is no OfiSync store at '{file}' yet. New-SyncConnection (or Import-SyncLine) creates it; if the store is elsewhere, name it with -Store or the OFISYNC_STORE environment variable. Nothing was created.";
    public static string StoreNotInitialized(string store) =>
        $"'{store}' is not an OfiSync store yet: it has no OfiSync tables. New-SyncConnection (or Import-SyncLine) creates them there; if the store is elsewhere, name it with -Store or the OFISYNC_STORE environment variable. Nothing was changed.";
    public static string StoreOutdated(string store, int version, int known) =>
        $"The OfiSync store '{store}' has schema version {version}, older than the version {known} this module reads. Commands that only read never change a store: run a command that changes it (such as Invoke-OfiSync, Set-SyncLine or New-SyncConnection) once, with an account that may write it, to upgrade it in place.";
    public static string StoreWalFilesMissing(string file) =>
        $"The OfiSync store '{file}' cannot be opened read-only: SQLite reads it through the files '{file}-wal' and '{file}-shm' beside it, which are missing, and this account may not create them in that folder. Run any OfiSync command once with an account that may write the folder (they then stay), or let this account write the folder; an account that only reads the store needs read access to all three files.";
    public static string StoreReadOnly(string store) =>
        $"This account may read the OfiSync store '{store}' but not change it. The commands that only read it (Get-SyncLine, Get-SyncRun, Get-SyncPreview...) work; to change it, run as an account that may write the store file, its -wal and -shm files and its folder.";
    public static string StoreConnectionStringInvalid(string store, string reason) =>
        $"The connection string of the OfiSync store '{store}' is not valid: {reason}";
    public static string HistoryFormatUnknown(long runId) =>
        $"The history of run {runId} was written in a form this module does not read (a newer module wrote it). Read it with that module, or with Get-SyncRun, which still shows the run's counts.";
}
