using System.Collections;
using OfiSync.Core.Statistics;

namespace OfiSync.PowerShell.Support;

/// <summary>
/// Reads -SalesStatistics: @{ From = 'Invoices'; Table = 'factura'; Customer = 'cliente_codigo'; Date = 'fecha';
/// Amount = 'total'; CustomerLine = 'Clientes'; FiscalYearStartMonth = 1; Rule = 'Pyramid' }, or From = 'Statistics'
/// with Year, InvoiceCount and LastSale columns; Query = 'SELECT ...' instead of Table; optional Thresholds, TierNames and InactiveTier.
/// </summary>
internal static class StatisticsParser
{
    public static SalesStatisticsSpec Parse(IDictionary values)
    {
        var spec = new SalesStatisticsSpec();
        foreach (DictionaryEntry e in values)
        {
            var key = MapParser.Unwrap(e.Key)?.ToString() ?? "";
            var value = MapParser.Unwrap(e.Value);
            string Text() => value?.ToString() ?? "";
            switch (key.ToUpperInvariant())
            {
                case "FROM": spec.From = Enum.Parse<SalesSource>(Text(), ignoreCase: true); break;
                case "TABLE": spec.Table = Text(); break;
                case "QUERY": spec.Query = Text(); break;
                case "CUSTOMER": spec.CustomerColumn = Text(); break;
                case "AMOUNT": spec.AmountColumn = Text(); break;
                case "DATE": spec.DateColumn = Text(); break;
                case "YEAR": spec.YearColumn = Text(); break;
                case "INVOICECOUNT": spec.InvoiceCountColumn = Text(); break;
                case "LASTSALE": spec.LastSaleColumn = Text(); break;
                case "CUSTOMERLINE": spec.CustomerLine = Text(); break;
                case "FISCALYEARSTARTMONTH": spec.FiscalYearStartMonth = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "RULE": spec.Rule = Enum.Parse<TierRule>(Text(), ignoreCase: true); break;
                case "THRESHOLDS": spec.Thresholds = Items(value).Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToList(); break;
                case "TIERNAMES": spec.TierNames = Items(value).Select(v => v?.ToString() ?? "").ToList(); break;
                case "INACTIVETIER": spec.InactiveTier = Text(); break;
                default: throw new ArgumentException(Core.Messages.StatisticsKeyInvalid(key));
            }
        }
        return spec;
    }

    private static IEnumerable<object?> Items(object? value) =>
        value is IEnumerable list and not string ? list.Cast<object?>().Select(MapParser.Unwrap) : new[] { value };
}
