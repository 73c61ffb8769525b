namespace OfiSync.PowerShell.Support;

/// <summary>
/// The ErrorIds of OfiSync's errors (the first part of FullyQualifiedErrorId), which scripts may test: one constant each,
/// so that none is misspelt. Ids made from a code (a store error's kind, a line problem's code) are built from it.
/// </summary>
internal static class ErrorIds
{
    public const string ColumnNotFound = nameof(ColumnNotFound);
    public const string ConnectionDiffers = nameof(ConnectionDiffers);
    public const string ConnectionFailed = nameof(ConnectionFailed);
    public const string ConnectionNotFound = nameof(ConnectionNotFound);
    public const string CredentialUnavailable = nameof(CredentialUnavailable);
    public const string DependencyFailed = nameof(DependencyFailed);
    public const string ExportWriteFailed = nameof(ExportWriteFailed);
    public const string FileExists = nameof(FileExists);
    public const string FilterInvalid = nameof(FilterInvalid);
    public const string ImportInvalidFile = nameof(ImportInvalidFile);
    public const string ImportReadFailed = nameof(ImportReadFailed);
    public const string InputObjectNotUnderstood = nameof(InputObjectNotUnderstood);
    public const string LineLocked = nameof(LineLocked);
    public const string MapInvalid = nameof(MapInvalid);
    public const string MapRequired = nameof(MapRequired);
    public const string NewNameNeedsOneLine = nameof(NewNameNeedsOneLine);
    public const string PreviewRowActionInvalid = nameof(PreviewRowActionInvalid);
    public const string PreviewRowPropertyUnknown = nameof(PreviewRowPropertyUnknown);
    public const string PreviewRowsFromText = nameof(PreviewRowsFromText);
    public const string QueryFailed = nameof(QueryFailed);
    public const string RowFailed = nameof(RowFailed);
    public const string RowsFailed = nameof(RowsFailed);
    public const string RunNotFound = nameof(RunNotFound);
    public const string SalesStatisticsInvalid = nameof(SalesStatisticsInvalid);
    public const string SyncLine = nameof(SyncLine);
    public const string SyncLineAutoMapFailed = nameof(SyncLineAutoMapFailed);
    public const string SyncLineExists = nameof(SyncLineExists);
    public const string SyncLineFailed = nameof(SyncLineFailed);
    public const string SyncLineHasDependents = nameof(SyncLineHasDependents);
    public const string SyncLineInvalid = nameof(SyncLineInvalid);
    public const string SyncLineNotFound = nameof(SyncLineNotFound);
    public const string StoreSettingMissing = nameof(StoreSettingMissing);
    public const string SyncNotFound = nameof(SyncNotFound);
}
