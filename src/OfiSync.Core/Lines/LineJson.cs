using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OfiSync.Core.Lines;

/// <summary>The JSON form of lines and connections: the store keeps it, Export-SyncLine writes it.</summary>
public static class LineJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new PlainValueConverter() },
        PropertyNamingPolicy = null,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static SyncLine Deserialize(string json) =>
        JsonSerializer.Deserialize<SyncLine>(json, Options) ?? throw new JsonException(Messages.EmptyLineDefinition);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException(Messages.EmptyLineDefinition);

    /// <summary>Constants and flag values are plain scalars: strings, numbers, booleans, dates or null.</summary>
    private sealed class PlainValueConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String when reader.TryGetDateTime(out var d) && reader.GetString()!.Length >= 19 => d,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number when reader.TryGetInt64(out var l) => l,
            JsonTokenType.Number => reader.GetDecimal(),
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw new JsonException(Messages.ConstantMustBeScalar),
        };

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case DateTime d: writer.WriteStringValue(d); break;
                case DateTimeOffset o: writer.WriteStringValue(o); break;
                case byte or sbyte or short or ushort or int or uint or long: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
                case ulong or float or double or decimal: writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture)); break;
                default: throw new JsonException(Messages.ConstantMustBeScalar);
            }
        }
    }
}
