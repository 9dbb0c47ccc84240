using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChainTrace.Api.Screening;

/// <summary>
/// Reads a screening item's field as text whatever JSON scalar it is: a string as itself, a number, <c>true</c> or
/// <c>false</c> as its exact source text (an amount of <c>150000</c> is the base units <c>"150000"</c>, read without a
/// floating-point round trip), an object or array as its JSON. The item's own checks then judge the text, so one
/// mistyped field is that item's <c>{"error"}</c> while the batch's other items are answered, not a 400 for all.
/// </summary>
public sealed class ScalarTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Text(ref reader),
        _ => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
    };

    private static string Text(ref Utf8JsonReader reader) => reader.HasValueSequence
        ? System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
        : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
