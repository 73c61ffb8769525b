namespace OfiSync.Core.Schema;

/// <summary>One column of a source or target table, as the database describes it.</summary>
public sealed record ColumnInfo(string Name, Type ClrType, string DataTypeName, bool AllowsNull, int? Size, int Ordinal);
