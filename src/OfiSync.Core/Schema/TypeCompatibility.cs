using System.Globalization;
using System.Text.RegularExpressions;
using OfiSync.Core.Lines;

namespace OfiSync.Core.Schema;

/// <summary>The kinds of value a column holds, the same on every database.</summary>
public enum Family { Text, Integer, Decimal, Float, Boolean, Date, Binary, Guid, Other }

/// <summary>Whether a source column's values can be written into a target column.</summary>
public static partial class TypeCompatibility
{
    public sealed record Issue(ProblemCode Code, string Text, ProblemSeverity Severity);

    public static Issue? Check(ColumnInfo source, ColumnInfo target)
    {
        var s = FamilyOf(source);
        var t = FamilyOf(target);
        if (t is Family.Text)
        {
            // The target's length counts only where the database enforces it: SQLite's reader gives no size.
            if (s is Family.Text && DeclaredLength(source) is { } ss && target.Size is { } ts && ts < ss)
                return new Issue(ProblemCode.MayTruncate, Messages.TypeMayTruncate(ss, ts), ProblemSeverity.Warning);
            return null;
        }
        if (s == t || t is Family.Other || s is Family.Other) return null;
        return (s, t) switch
        {
            (Family.Integer, Family.Decimal or Family.Float) => null,
            (Family.Decimal, Family.Float) or (Family.Float, Family.Decimal) => null,
            (Family.Integer or Family.Boolean, Family.Boolean or Family.Integer) => null,
            (Family.Decimal or Family.Float, Family.Integer) => new Issue(ProblemCode.MayLosePrecision, Messages.TypeMayLosePrecision, ProblemSeverity.Warning),
            (Family.Text, _) => new Issue(ProblemCode.TypeMismatch, Messages.TypeConvertedFromText, ProblemSeverity.Warning),
            _ => new Issue(ProblemCode.TypeMismatch, Messages.TypeIncompatible, ProblemSeverity.Error),
        };
    }

    /// <summary>
    /// A source column that allows NULL mapped to a target column that does not: every row holding NULL there fails.
    /// </summary>
    public static Issue? CheckNull(ColumnInfo source, ColumnInfo target) =>
        source.AllowsNull && !target.AllowsNull ? new Issue(ProblemCode.NullIntoNotNull, Messages.TypeNullIntoNotNull(target.Name), ProblemSeverity.Warning) : null;

    /// <summary>
    /// The most characters a source text column is declared for: the size the database reports or, for SQLite, whose
    /// reader gives none, the length in its declared type (NVARCHAR(24)). Null when the column sets no length.
    /// </summary>
    internal static int? DeclaredLength(ColumnInfo column)
    {
        if (column.Size is { } size) return size;
        var match = DeclaredLengthPattern().Match(column.DataTypeName);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : null;
    }

    [GeneratedRegex(@"^[^(]*(?:CHAR|TEXT|CLOB|STRING)[^(]*\(\s*(\d+)\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeclaredLengthPattern();

    /// <summary>The type as the database declares it, with its length when the database reports it apart ("character varying(16)").</summary>
    public static string Shown(ColumnInfo column) =>
        column.Size is { } size && !column.DataTypeName.Contains('(') && FamilyOf(column) is Family.Text
            ? $"{column.DataTypeName}({size.ToString(CultureInfo.InvariantCulture)})"
            : column.DataTypeName;

    internal static Family FamilyOf(ColumnInfo column)
    {
        // The declared type decides when there is one: SQLite reports as CLR type whatever the FIRST ROW happens to
        // store (INTEGER or REAL in a NUMERIC column), so the same column could change family from one run to the next.
        if (FamilyOfDeclared(column.DataTypeName.ToUpperInvariant()) is { } declared) return declared;
        return FamilyOfClr(column.ClrType);
    }

    /// <summary>
    /// A date column that holds the day only (DATE), not a moment (DATETIME, DATETIME2, SMALLDATETIME, TIMESTAMP, TIME):
    /// the column's declared type names a date and no time.
    /// </summary>
    internal static bool IsDateOnly(ColumnInfo column)
    {
        var declared = column.DataTypeName.ToUpperInvariant();
        return declared.Contains("DATE", StringComparison.Ordinal) && !declared.Contains("TIME", StringComparison.Ordinal);
    }

    private static Family? FamilyOfDeclared(string d)
    {
        if (d.Length == 0 || d.Contains("INTERVAL") || d.Contains("POINT")) return null;
        if (d.Contains("CHAR") || d.Contains("TEXT") || d.Contains("CLOB") || d.Contains("STRING") || d == "NAME" || d == "CITEXT") return Family.Text;
        if (d.Contains("BOOL") || d == "BIT") return Family.Boolean;
        if (d.Contains("INT")) return Family.Integer;
        if (d.Contains("DATE") || d.Contains("TIME")) return Family.Date;
        if (d.Contains("DEC") || d.Contains("NUMERIC") || d.Contains("MONEY")) return Family.Decimal;
        if (d.Contains("REAL") || d.Contains("FLOA") || d.Contains("DOUB")) return Family.Float;
        if (d.Contains("BLOB") || d.Contains("BINARY") || d.Contains("BYTEA") || d == "IMAGE") return Family.Binary;
        if (d.Contains("UUID") || d.Contains("UNIQUEIDENTIFIER")) return Family.Guid;
        return null;
    }

    private static Family FamilyOfClr(Type type)
    {
        if (type == typeof(string) || type == typeof(char)) return Family.Text;
        if (type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte)) return Family.Integer;
        if (type == typeof(decimal)) return Family.Decimal;
        if (type == typeof(double) || type == typeof(float)) return Family.Float;
        if (type == typeof(bool)) return Family.Boolean;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeSpan)) return Family.Date;
        if (type == typeof(byte[])) return Family.Binary;
        if (type == typeof(Guid)) return Family.Guid;
        return Family.Other;
    }
}
