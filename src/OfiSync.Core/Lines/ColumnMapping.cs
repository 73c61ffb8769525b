namespace OfiSync.Core.Lines;

public enum MappingKind
{
    /// <summary>The value of a source column.</summary>
    Column,
    /// <summary>The same value on every row.</summary>
    Constant,
    /// <summary>A source value translated through a target table (an ERP sector code to the CRM sector id).</summary>
    Lookup,
    /// <summary>The CRM id another line recorded for the source value (a customer's code to its CRM record).</summary>
    LineTargetId,
}

/// <summary>What to do when a lookup finds no row for a source value.</summary>
public enum LookupMissing
{
    /// <summary>The row fails with a message naming the value (the default: nothing is written half-linked).</summary>
    Fail,
    /// <summary>The target column gets NULL.</summary>
    Null,
}

/// <summary>How one target column gets its value.</summary>
public sealed class ColumnMapping
{
    public string TargetColumn { get; set; } = "";
    public MappingKind Kind { get; set; } = MappingKind.Column;
    /// <summary>The source column (for Column and Lookup).</summary>
    public string? SourceColumn { get; set; }
    /// <summary>The value written on every row (for Constant).</summary>
    public object? Constant { get; set; }
    /// <summary>The target table searched (for Lookup), its column matched with the source value, and the column taken.</summary>
    public string? LookupTable { get; set; }
    public string? LookupMatch { get; set; }
    public string? LookupValue { get; set; }
    public LookupMissing OnMissing { get; set; } = LookupMissing.Fail;
    /// <summary>The line whose recorded CRM ids are used (for LineTargetId).</summary>
    public string? FromLine { get; set; }

    public override string ToString() => Kind switch
    {
        MappingKind.Column => $"{TargetColumn} = {SourceColumn}",
        MappingKind.Constant => $"{TargetColumn} = '{Engine.RowKey.Text(Constant)}'",
        MappingKind.LineTargetId => Messages.MappingLineTargetId(TargetColumn, SourceColumn, FromLine),
        _ => Messages.MappingLookup(TargetColumn, LookupTable, LookupValue, LookupMatch, SourceColumn),
    };
}
