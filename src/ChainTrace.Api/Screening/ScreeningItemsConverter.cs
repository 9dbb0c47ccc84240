using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChainTrace.Api.Screening;

/// <summary>
/// Reads a screening's <c>items</c> array item by item: an object is a <see cref="ScreeningItem"/>, anything else (a
/// number, a string, an array, <c>null</c>) is skipped and read as <c>null</c>, which the endpoint answers as that
/// item's error. Without it one such item failed the binding of the whole body (a 400 for every item).
/// </summary>
public sealed class ScreeningItemsConverter : JsonConverter<IReadOnlyList<ScreeningItem?>?>
{
    public override IReadOnlyList<ScreeningItem?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("items is an array of {chain, address, direction?, amount?}");
        }

        var items = new List<ScreeningItem?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                items.Add(JsonSerializer.Deserialize<ScreeningItem>(ref reader, options));
            }
            else
            {
                reader.Skip();
                items.Add(null);
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ScreeningItem?>? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
