using OfiSync.Core.Schema;

namespace OfiSync.Core;

public static partial class Messages
{
    public const string LineNameMissing = "A sync line needs a name.";
    public static string LineNameHasWildcard(string name) =>
        $"The line name '{name}' contains a wildcard character (* ? [ ]). Choose a name without them, so -Name patterns stay unambiguous.";
    public const string SourceTableOrQuery = "Give the source either a table (-SourceTable) or a query (-SourceQuery), not both.";
    public const string TargetTableMissing = "Give the target table (-TargetTable).";
    public const string KeyMissing = "Give the source column or columns that identify a row (-Key).";
    public static string TargetKeyCount(int key, int target) =>
        $"The key has {key} source column(s) but {target} target column(s) (-TargetKey): give one target column per key column.";
    public static string ColumnMappedTwice(string column) => $"The target column '{column}' is mapped twice.";
    public static string KeyNotMapped(string column) => $"The target key column '{column}' gets no value: map it in -Map.";
    public static string MappingIncomplete(string column) =>
        $"The mapping of '{column}' is incomplete: a column needs its source column; a lookup needs Lookup (table), Match, Value and From.";
    public const string FlagColumnMissing = "The delete policy Flag needs -FlagColumn (and -FlagValue), such as -FlagColumn estado -FlagValue Inactivo.";
    public static string BatchSizeInvalid(int size) => $"The batch size {size} is out of range: use 1 to 100000.";
    public const string CommandTimeoutInvalid = "The command timeout cannot be negative (0 means no limit).";
    public static string LineDependsOnItself(string name) => $"The line '{name}' cannot depend on itself.";
    public static string DependencyNotFound(string name) => $"The line named in DependsOn, '{name}', does not exist.";
    public static string DependencyCycle(IEnumerable<string> cycle) => $"The lines depend on each other in a cycle: {string.Join(" -> ", cycle)}.";
    public const string TheSourceQuery = "the source query";
    public static string ColumnNotFound(string column, string table, IEnumerable<ColumnInfo> columns) =>
        $"The column '{column}' does not exist in {table}.{DidYouMean(ClosestName.Find(column, columns.Select(c => c.Name)))} Its columns are: {string.Join(", ", columns.Select(c => c.Name))}.";
    public static string TableNotFound(string table, string connection) => $"The table '{table}' does not exist in the connection '{connection}'.";
    public static string SideUnreadable(string table, string connection, string reason) => $"Cannot read {table} through '{connection}': {reason}";
    public static string TypeProblem(string source, ColumnInfo s, string target, ColumnInfo t, string text) =>
        $"{source} ({TypeCompatibility.Shown(s)}) into {target} ({TypeCompatibility.Shown(t)}): {text}";
    public static string TypeMayTruncate(int source, int target) => $"values up to {source} characters may not fit the {target} of the target; such rows will fail.";
    public const string TypeMayLosePrecision = "fractions are rounded to whole numbers.";
    public const string TypeConvertedFromText = "text is converted; rows whose text is not a valid value fail.";
    public const string TypeIncompatible = "these types cannot be converted.";
    public static string NoCommonColumns(string source, string target) =>
        $"No column of {source} has the same name as a column of {target}: give the map with -Map.";
    public static string CheckFailed(string line, IEnumerable<Lines.LineProblem> problems) =>
        $"The sync line '{line}' was not saved: {string.Join(" ", problems.Select(p => p.ToString()))} Fix these, or save with -SkipCheck and run Test-SyncLine later.";
}

public static partial class Messages
{
    public static string NotALineDocument(string reason) => $"The file is not an OfiSync line export ({reason}). Export-SyncLine writes such files.";
    public const string FormatMissing = "its 'Format' is not OfiSync.SyncLines";
    public static string LineDocumentTooNew(int version, int known) =>
        $"The file was written by a newer OfiSync (format version {version}; this module reads up to {known}). Update the module.";
    public static string ImportedConnectionDiffers(string name) =>
        $"The store already has a connection named '{name}' that differs from the imported one. Import with -Force to replace it, or rename one of them.";
    public static string MapValueInvalid(string column) =>
        $"The map entry '{column}' is not understood. Give a source column name, @{{ Constant = value }}, or @{{ Lookup = 'table'; Match = 'column'; Value = 'column'; From = 'source column' }}.";
    public static string MapKeyUnknown(string column, string key) =>
        $"The map entry '{column}' has an unknown key '{key}'. Known keys: Source, Constant, Lookup, Match, Value, From, OnMissing.";
    public static string NoLineSelected => "No sync line was selected.";
}

public static partial class Messages
{
    public static string FilterArgumentType(string type) => $"-Filter takes a scriptblock or a string in Where-Object syntax, not a {type}.";
}

public static partial class Messages
{
    public static string NewNameNeedsOneLine(int count) => $"-NewName renames one line, but {count} lines were selected.";
    public static string LineHasDependents(string line, IEnumerable<string> dependents) =>
        $"The lines {string.Join(", ", dependents.Select(d => "'" + d + "'"))} depend on '{line}'. Remove them first, or use -Force to remove '{line}' and drop it from their DependsOn.";
    public static string DependencyDropped(string dependent, string removed) => $"The line '{dependent}' no longer depends on '{removed}', which was removed.";
    public const string MapNeededWithSkipCheck = "Without -Map, OfiSync maps columns by reading both tables; -SkipCheck does not connect, so give -Map.";
}

public static partial class Messages
{
    public static string ExportFileExists(string path) => $"The file '{path}' exists and -NoClobber was given.";
    public static string ActionExport(int count) => $"Write {count} sync line(s) with their connections";
    public const string ProgressTestingLines = "Testing sync lines";
    public const string ProgressDone = "Done";
}

public static partial class Messages
{
    public static string TypeNullIntoNotNull(string target) =>
        $"the source column allows NULL but the target column does not: every row whose value is NULL will fail. Leave those rows out with a filter ({target} -ne $null), or allow NULL in the target column.";
}
