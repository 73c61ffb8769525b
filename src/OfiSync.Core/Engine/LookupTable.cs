using System.Data.Common;
using OfiSync.Core.Lines;
using OfiSync.Core.Providers;
using OfiSync.Core.Schema;

namespace OfiSync.Core.Engine;

/// <summary>A lookup's target table read once per run: source value (as invariant text) to the value to write.</summary>
internal sealed class LookupTable
{
    private readonly Dictionary<string, object?> _values;
    private readonly HashSet<string> _ambiguous;

    public ColumnMapping Mapping { get; }

    private LookupTable(ColumnMapping mapping, Dictionary<string, object?> values, HashSet<string> ambiguous)
    {
        Mapping = mapping;
        _values = values;
        _ambiguous = ambiguous;
    }

    public static async Task<LookupTable> LoadAsync(DbConnection target, IDatabaseProvider provider, ColumnMapping map, int timeout, CancellationToken cancel)
    {
        await using var command = target.CreateCommand();
        command.CommandTimeout = timeout;
        command.CommandText = $"SELECT {provider.QuoteIdentifier(map.LookupMatch!)}, {provider.QuoteIdentifier(map.LookupValue!)} FROM {provider.QuoteTable(map.LookupTable!)}";
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancel).ConfigureAwait(false);
        while (await reader.ReadAsync(cancel).ConfigureAwait(false))
        {
            if (reader.IsDBNull(0)) continue;
            var key = RowKey.Text(reader.GetValue(0));
            var value = reader.IsDBNull(1) ? null : reader.GetValue(1);
            if (!values.TryAdd(key, value) && !Equals(values[key], value)) ambiguous.Add(key);
        }
        return new LookupTable(map, values, ambiguous);
    }

    /// <summary>The value for a source value; throws a conversion error naming the column when there is none.</summary>
    public object? Find(object? sourceValue)
    {
        if (sourceValue is null) return null;
        var key = RowKey.Text(sourceValue);
        if (_ambiguous.Contains(key))
            throw new ValueConversionException(Mapping.TargetColumn, Messages.Stored.LookupAmbiguous(Mapping.LookupTable!, Mapping.LookupMatch!, sourceValue));
        if (_values.TryGetValue(key, out var value)) return value;
        if (Mapping.OnMissing == LookupMissing.Null) return null;
        throw new ValueConversionException(Mapping.TargetColumn,
            Messages.Stored.LookupNotFound(Mapping.TargetColumn, Mapping.SourceColumn!, sourceValue, Mapping.LookupTable!, Mapping.LookupMatch!));
    }
}
