using OfiSync.Core.Schema;

namespace OfiSync.Core;

public static partial class Messages
{
    public static string LineNameMissing => Text.Get(nameof(LineNameMissing));
    public static string LineNameHasWildcard(string name) => Text.Format(nameof(LineNameHasWildcard), name);
    public static string SourceTableOrQuery => Text.Get(nameof(SourceTableOrQuery));
    public static string TargetTableMissing => Text.Get(nameof(TargetTableMissing));
    public static string KeyMissing => Text.Get(nameof(KeyMissing));
    public static string TargetKeyCount(int key, int target) => Text.Format(nameof(TargetKeyCount), key, target);
    public static string ColumnMappedTwice(string column) => Text.Format(nameof(ColumnMappedTwice), column);
    public static string KeyNotMapped(string column) => Text.Format(nameof(KeyNotMapped), column);
    public static string MappingIncomplete(string column) => Text.Format(nameof(MappingIncomplete), column);
    public static string FlagColumnMissing => Text.Get(nameof(FlagColumnMissing));
    public static string BatchSizeInvalid(int size) => Text.Format(nameof(BatchSizeInvalid), size);
    public static string CommandTimeoutInvalid => Text.Get(nameof(CommandTimeoutInvalid));
    public static string LineDependsOnItself(string name) => Text.Format(nameof(LineDependsOnItself), name);
    public static string DependencyNotFound(string name) => Text.Format(nameof(DependencyNotFound), name);
    public static string DependencyCycle(IEnumerable<string> cycle) => Text.Format(nameof(DependencyCycle), string.Join(" -> ", cycle));
    public static string TheSourceQuery => Text.Get(nameof(TheSourceQuery));
    public static string ColumnNotFound(string column, string table, IEnumerable<ColumnInfo> columns) =>
        Text.Format(nameof(ColumnNotFound), column, table, DidYouMean(ClosestName.Find(column, columns.Select(c => c.Name))), string.Join(", ", columns.Select(c => c.Name)));
    public static string TableNotFound(string table, string connection) => Text.Format(nameof(TableNotFound), table, connection);
    public static string SideUnreadable(string table, string connection, string reason) => Text.Format(nameof(SideUnreadable), table, connection, reason);
    public static string TypeProblem(string source, ColumnInfo s, string target, ColumnInfo t, string text) => Text.Format(nameof(TypeProblem), source, TypeCompatibility.Shown(s), target, TypeCompatibility.Shown(t), text);
    public static string TypeMayTruncate(int source, int target) => Text.Format(nameof(TypeMayTruncate), source, target);
    public static string TypeMayLosePrecision => Text.Get(nameof(TypeMayLosePrecision));
    public static string TypeConvertedFromText => Text.Get(nameof(TypeConvertedFromText));
    public static string TypeIncompatible => Text.Get(nameof(TypeIncompatible));
    public static string NoCommonColumns(string source, string target) => Text.Format(nameof(NoCommonColumns), source, target);
    public static string CheckFailed(string line, IEnumerable<Lines.LineProblem> problems) =>
        Text.Format(nameof(CheckFailed), line, string.Join(" ", problems.Select(p => p.ToString())));
}

public static partial class Messages
{
    public static string NotALineDocument(string reason) => Text.Format(nameof(NotALineDocument), reason);
    public static string FormatMissing => Text.Get(nameof(FormatMissing));
    public static string LineDocumentTooNew(int version, int known) => Text.Format(nameof(LineDocumentTooNew), version, known);
    public static string ImportedConnectionDiffers(string name) => Text.Format(nameof(ImportedConnectionDiffers), name);
    public static string MapValueInvalid(string column) => Text.Format(nameof(MapValueInvalid), column);
    public static string MapKeyUnknown(string column, string key) => Text.Format(nameof(MapKeyUnknown), column, key);
    public static string MappingLineTargetId(string target, string? source, string? fromLine) => Text.Format(nameof(MappingLineTargetId), target, source, fromLine);
    public static string MappingLookup(string target, string? table, string? value, string? match, string? source) =>
        Text.Format(nameof(MappingLookup), target, table, value, match, source);
    public static string NoLineSelected => Text.Get(nameof(NoLineSelected));
}

public static partial class Messages
{
    public static string FilterArgumentEmpty => Text.Get(nameof(FilterArgumentEmpty));
    public static string FilterArgumentType(string type) => Text.Format(nameof(FilterArgumentType), type);
}

public static partial class Messages
{
    public static string NewNameNeedsOneLine(int count) => Text.Format(nameof(NewNameNeedsOneLine), count);
    public static string LineHasDependents(string line, IEnumerable<string> dependents) =>
        Text.Format(nameof(LineHasDependents), string.Join(", ", dependents.Select(d => "'" + d + "'")), line);
    public static string DependencyDropped(string dependent, string removed) => Text.Format(nameof(DependencyDropped), dependent, removed);
    public static string MapNeededWithSkipCheck => Text.Get(nameof(MapNeededWithSkipCheck));
}

public static partial class Messages
{
    public static string ExportFileExists(string path) => Text.Format(nameof(ExportFileExists), path);
    public static string ActionExport(int count) => Text.Format(nameof(ActionExport), count);
    public static string ProgressTestingLines => Text.Get(nameof(ProgressTestingLines));
    public static string ProgressDone => Text.Get(nameof(ProgressDone));
}

public static partial class Messages
{
    public static string TypeNullIntoNotNull(string target) => Text.Format(nameof(TypeNullIntoNotNull), target);
}
