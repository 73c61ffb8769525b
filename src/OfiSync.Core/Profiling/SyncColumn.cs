using System.Globalization;
using OfiSync.Core.Filtering;

namespace OfiSync.Core.Profiling;

/// <summary>
/// One source column of a line as its filter sees it (Get-SyncColumn): its name, the target column it maps into (a
/// filter may use either name), its type and whether it holds NULL; with -Profile, what values it holds under the
/// line's pre-filter, counted inside the source database.
/// </summary>
public sealed class SyncColumn
{
    public string Line { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary>The target column the map writes this column into, or null when it is not mapped.</summary>
    public string? TargetColumn { get; init; }
    /// <summary>The type as the database declares it.</summary>
    public string DataType { get; init; } = "";
    /// <summary>How a filter compares the column's values (Text, Integer, Decimal, Double, Boolean, DateTime, Other).</summary>
    public FilterValueType FilterType { get; init; }
    public bool Nullable { get; init; }

    /// <summary>Whether the counts below were computed (-Profile).</summary>
    public bool Profiled { get; init; }
    /// <summary>The rows counted: those the pre-filter keeps, at most the row limit.</summary>
    public long? Rows { get; init; }
    public long? Nulls { get; init; }
    public long? Distinct { get; init; }
    /// <summary>The smallest and largest value, for numbers and dates.</summary>
    public object? Min { get; init; }
    public object? Max { get; init; }
    /// <summary>The most frequent values, with how many rows hold each, most frequent first.</summary>
    public IReadOnlyList<ValueCount> Top { get; init; } = Array.Empty<ValueCount>();
    /// <summary>The count reached the row limit: the source may have more rows under the filter than were counted.</summary>
    public bool Limited { get; init; }
    /// <summary>The part of the filter the database could not evaluate, which the counts do not apply; null when none.</summary>
    public string? FilterLeftOut { get; init; }

    /// <summary>"52 distinct, Madrid (412), Barcelona (380)": what the view shows.</summary>
    public string Summary => !Profiled ? "" : Messages.ColumnSummary(Distinct ?? 0, Top.Select(t => t.ToString()), Distinct > Top.Count);

    /// <summary>"-5.5 .. 99999.99": the min and max as the view shows them; empty when there are none.</summary>
    public string Range => Min is null && Max is null ? "" : $"{ValueCount.Text(Min)} .. {ValueCount.Text(Max)}";

    public override string ToString() => Name;
}

/// <summary>A value of a column and how many rows hold it.</summary>
public sealed record ValueCount(object? Value, long Count)
{
    /// <summary>"Madrid (412)": the value as the invariant culture writes it, dates as yyyy-MM-dd.</summary>
    public override string ToString() => $"{Text(Value)} ({Count.ToString(CultureInfo.InvariantCulture)})";

    internal static string Text(object? value) => value switch
    {
        null => "$null",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
