using OfiSync.Core.Lines;

namespace OfiSync.Core.Schema;

/// <summary>The kinds of value a column holds, the same on every database.</summary>
public enum Family { Text, Integer, Decimal, Float, Boolean, Date, Binary, Guid, Other }

/// <summary>Whether a source column's values can be written into a target column.</summary>
public static class TypeCompatibility
{
    public sealed record Issue(string Code, string Text, ProblemSeverity Severity);


    public static Issue? Check(ColumnInfo source, ColumnInfo target)
    {
        var s = FamilyOf(source);
        var t = FamilyOf(target);
        if (t is Family.Text)
        {
            if (source.Size is { } ss && target.Size is { } ts && ts < ss && s is Family.Text)
                return new Issue("MayTruncate", Messages.TypeMayTruncate(ss, ts), ProblemSeverity.Warning);
            return null;
        }
        if (s == t || t is Family.Other || s is Family.Other) return null;
        return (s, t) switch
        {
            (Family.Integer, Family.Decimal or Family.Float) => null,
            (Family.Decimal, Family.Float) or (Family.Float, Family.Decimal) => null,
            (Family.Integer or Family.Boolean, Family.Boolean or Family.Integer) => null,
            (Family.Decimal or Family.Float, Family.Integer) => new Issue("MayLosePrecision", Messages.TypeMayLosePrecision, ProblemSeverity.Warning),
            (Family.Text, _) => new Issue("TypeMismatch", Messages.TypeConvertedFromText, ProblemSeverity.Warning),
            _ => new Issue("TypeMismatch", Messages.TypeIncompatible, ProblemSeverity.Error),
        };
    }

    internal static Family FamilyOf(ColumnInfo column)
    {
        // SQLite reports the declared type by name; its CLR type is only what the first row would give.
        var declared = column.DataTypeName.ToUpperInvariant();
        if (declared.Length > 0 && column.ClrType == typeof(object) || column.ClrType == typeof(string) && declared.Length > 0 && !declared.Contains("CHAR") && !declared.Contains("TEXT") && !declared.Contains("CLOB"))
        {
            if (declared.Contains("INT")) return Family.Integer;
            if (declared.Contains("BOOL") || declared == "BIT") return Family.Boolean;
            if (declared.Contains("DATE") || declared.Contains("TIME")) return Family.Date;
            if (declared.Contains("DEC") || declared.Contains("NUMERIC") || declared.Contains("MONEY")) return Family.Decimal;
            if (declared.Contains("REAL") || declared.Contains("FLOA") || declared.Contains("DOUB")) return Family.Float;
            if (declared.Contains("BLOB") || declared.Contains("BINARY") || declared.Contains("BYTEA")) return Family.Binary;
            if (declared.Contains("UUID") || declared.Contains("UNIQUEIDENTIFIER")) return Family.Guid;
        }
        var type = column.ClrType;
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
