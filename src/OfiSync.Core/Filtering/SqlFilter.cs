namespace OfiSync.Core.Filtering;

/// <summary>A filter split for one database: what its WHERE clause does, and what is left for memory.</summary>
public sealed class SqlFilter
{
    internal SqlFilter(string? where, IReadOnlyList<KeyValuePair<string, object?>> parameters, FilterExpression? residual)
    {
        Where = where;
        Parameters = parameters;
        Residual = residual;
    }

    /// <summary>The condition for WHERE (without the keyword), or null when nothing could go to SQL.</summary>
    public string? Where { get; }

    /// <summary>
    /// The values of the parameters Where uses, by name with its '@' ("@f0", "@f1"...). On SQL Server, bind DateTime
    /// values as datetime2: SqlClient's default, datetime, rounds to 1/300 of a second.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Parameters { get; }

    /// <summary>What must still be evaluated on each row read (FilterExpression.Evaluate), or null when nothing.</summary>
    public FilterExpression? Residual { get; }
}
