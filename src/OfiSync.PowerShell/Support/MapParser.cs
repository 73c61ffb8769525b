using System.Collections;
using System.Management.Automation;
using OfiSync.Core.Lines;

namespace OfiSync.PowerShell.Support;

/// <summary>
/// Reads -Map: keys are target columns; a value is a source column name, @{ Constant = value },
/// or @{ Lookup = 'table'; Match = 'column'; Value = 'column'; From = 'source column'; OnMissing = 'Fail'|'Null' }.
/// </summary>
internal static class MapParser
{
    private static readonly string[] KnownKeys = { "Source", "Constant", "Lookup", "Match", "Value", "From", "OnMissing", "FromLine" };

    public static List<ColumnMapping> Parse(IDictionary map)
    {
        var result = new List<ColumnMapping>();
        foreach (DictionaryEntry entry in map)
        {
            var target = Unwrap(entry.Key)?.ToString() ?? "";
            result.Add(Unwrap(entry.Value) switch
            {
                string source => new ColumnMapping { TargetColumn = target, SourceColumn = source },
                IDictionary spec => FromSpec(target, spec),
                _ => throw new ArgumentException(Core.Messages.MapValueInvalid(target)),
            });
        }
        return result;
    }

    private static ColumnMapping FromSpec(string target, IDictionary spec)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry e in spec)
        {
            var key = Unwrap(e.Key)?.ToString() ?? "";
            if (!KnownKeys.Contains(key, StringComparer.OrdinalIgnoreCase)) throw new ArgumentException(Core.Messages.MapKeyUnknown(target, key));
            values[key] = Unwrap(e.Value);
        }
        if (values.TryGetValue("Constant", out var constant))
            return new ColumnMapping { TargetColumn = target, Kind = MappingKind.Constant, Constant = constant };
        if (values.GetValueOrDefault("FromLine") is { } fromLine)
        {
            // The CRM id another line recorded for this row's value, by default its customer_key.
            return new ColumnMapping
            {
                TargetColumn = target, Kind = MappingKind.LineTargetId, FromLine = fromLine.ToString(),
                SourceColumn = (values.GetValueOrDefault("From") ?? values.GetValueOrDefault("Source"))?.ToString() ?? "customer_key",
            };
        }
        if (values.TryGetValue("Lookup", out var lookup))
        {
            return new ColumnMapping
            {
                TargetColumn = target, Kind = MappingKind.Lookup, LookupTable = lookup?.ToString(),
                LookupMatch = values.GetValueOrDefault("Match")?.ToString(), LookupValue = values.GetValueOrDefault("Value")?.ToString(),
                SourceColumn = (values.GetValueOrDefault("From") ?? values.GetValueOrDefault("Source"))?.ToString(),
                OnMissing = values.GetValueOrDefault("OnMissing") is { } m ? Enum.Parse<LookupMissing>(m.ToString()!, ignoreCase: true) : LookupMissing.Fail,
            };
        }
        if (values.GetValueOrDefault("Source") is { } source)
            return new ColumnMapping { TargetColumn = target, SourceColumn = source.ToString() };
        throw new ArgumentException(Core.Messages.MapValueInvalid(target));
    }

    public static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;
}
