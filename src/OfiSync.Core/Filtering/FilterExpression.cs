using OfiSync.Core.Providers;

namespace OfiSync.Core.Filtering;

/// <summary>
/// A filter in PowerShell's Where-Object syntax, parsed by the engine itself (no PowerShell involved).
/// <code>
/// var f = FilterExpression.Parse("poblacion -eq 'Madrid' -and fecha_modif -ge $since", name => vars[name]);
/// f = f.Validate(allowedNames);              // unknown names throw; names take the allowed spelling
/// var sql = f.ToSql(DatabaseProviders.PostgreSql, name => columns[name]);
/// // SELECT ... WHERE {sql.Where} with sql.Parameters; then keep the rows where sql.Residual?.Evaluate(row) is true
/// bool keep = f.Evaluate(name => row[name]);  // the same answer, computed in memory
/// string stored = f.ToString();              // canonical and self-contained: variables became literals
/// </code>
/// Every problem is a <see cref="FilterException"/> pointing at its place in the text. Evaluate and the SQL from
/// ToSql give PowerShell's Where-Object answer for the same values (SQLite needs SqliteFilterFunctions.Register on
/// its connection); SqlFilterDialect says where PostgreSQL and SQL Server rely on the database's case folding.
/// </summary>
public sealed class FilterExpression
{
    /// <summary>What a variables callback returns for a name it does not know (throwing KeyNotFoundException works too).</summary>
    public static readonly object NoSuchVariable = new();

    private FilterExpression(FilterNode root, string text)
    {
        Root = root;
        Text = text;
        Names = CollectNames(root);
    }

    internal FilterNode Root { get; }

    /// <summary>The text the positions in the tree (and in errors) refer to.</summary>
    internal string Text { get; }

    /// <summary>The property names the filter uses, each once (first spelling), in order of appearance.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; a $variable is read at once through <paramref name="variables"/> (a scalar,
    /// a date, or an enumerable for -in). Unwrap PowerShell's PSObject before returning a value.
    /// </summary>
    public static FilterExpression Parse(string text, Func<string, object?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FilterExpression(FilterParser.Parse(text, variables), text);
    }

    /// <summary>The canonical text: it parses back to the same filter, with no variables left.</summary>
    public override string ToString() => FilterPrinter.Print(Root);

    /// <summary>Both filters: this one -and the other.</summary>
    public FilterExpression And(FilterExpression other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Parse("(" + this + ") -and (" + other + ")");
    }

    /// <summary>
    /// Checks that every name is one of <paramref name="allowedNames"/> (ignoring case) and returns the filter with
    /// each name spelled as it is there. An unknown name throws, listing the allowed names.
    /// </summary>
    public FilterExpression Validate(IEnumerable<string> allowedNames)
    {
        ArgumentNullException.ThrowIfNull(allowedNames);
        var allowed = allowedNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return Validate(allowed, name => Messages.FilterUnknownName(name, ClosestName.Find(name, allowed), allowed));
    }

    /// <summary>
    /// Like <see cref="Validate(IEnumerable{string})"/>, with the allowed names in groups that an unknown name's message
    /// tells apart (the line's target columns, the other columns of the source); a name in two groups keeps the first.
    /// </summary>
    public FilterExpression Validate(IReadOnlyList<FilterNameGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var shown = groups.Select(g => g with { Names = g.Names.Where(seen.Add).ToList() }).Where(g => g.Names.Count > 0).ToList();
        var allowed = shown.SelectMany(g => g.Names).ToList();
        return Validate(allowed, name => Messages.FilterUnknownNameIn(name, ClosestName.Find(name, allowed), shown.Select(g => (g.Title, g.Names))));
    }

    private FilterExpression Validate(IReadOnlyList<string> allowed, Func<string, string> unknown)
    {
        var spelling = allowed.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);
        return new FilterExpression(Rename(Root, p =>
            spelling.TryGetValue(p.Name, out var name)
                ? p with { Name = name }
                : throw new FilterException(unknown(p.Name), Text, p.Position)), Text);
    }

    /// <summary>Evaluates the filter on one row; <paramref name="getValue"/> returns a property's value by name.</summary>
    public bool Evaluate(Func<string, object?> getValue)
    {
        ArgumentNullException.ThrowIfNull(getValue);
        return FilterEvaluator.Evaluate(Root, getValue, Text);
    }

    /// <summary>
    /// Translates the filter for one database. <paramref name="columns"/> gives, for a name, its SQL and value
    /// type, or null when the name cannot be read in SQL (a lookup, a computed value). Top-level -and conditions
    /// that can be translated go to Where, the others stay in Residual. Parameters are named @{prefix}0, @{prefix}1...
    /// </summary>
    public SqlFilter ToSql(IDatabaseProvider provider, Func<string, FilterColumn?> columns, string parameterPrefix = "f")
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(parameterPrefix);
        if (parameterPrefix.Length == 0 || !parameterPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException(Messages.FilterBadParameterPrefix, nameof(parameterPrefix));
        return SqlFilterTranslator.Translate(this, provider.FilterDialect, columns, parameterPrefix);
    }

    internal static FilterExpression FromNode(FilterNode node) => Parse(FilterPrinter.Print(node));

    private static FilterNode Rename(FilterNode node, Func<PropertyOperand, PropertyOperand> rename)
    {
        FilterOperand Operand(FilterOperand o) => o is PropertyOperand p ? rename(p) : o;
        return node switch
        {
            LogicalNode n => n with { Left = Rename(n.Left, rename), Right = Rename(n.Right, rename) },
            NotNode n => n with { Operand = Rename(n.Operand, rename) },
            TruthNode n => n with { Operand = Operand(n.Operand) },
            ComparisonNode n => n with { Left = Operand(n.Left), Right = Operand(n.Right) },
            _ => node,
        };
    }

    private static List<string> CollectNames(FilterNode root)
    {
        var names = new List<string>();
        Rename(root, p =>
        {
            if (!names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)) names.Add(p.Name);
            return p;
        });
        return names;
    }
}

/// <summary>Names a filter may use, and what a message calls them, such as "the line's target columns".</summary>
public sealed record FilterNameGroup(string Title, IReadOnlyList<string> Names);
