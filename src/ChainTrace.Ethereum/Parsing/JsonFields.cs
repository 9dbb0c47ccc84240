using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Parsing;

/// <summary>Field access on JSON-RPC objects that reports the location and field of anything malformed.</summary>
internal static class JsonFields
{
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    /// <summary>First present of several spellings (RPC camelCase, re-keyed snake_case).</summary>
    public static JsonElement? Optional(JsonElement obj, string name, string alternative) =>
        Optional(obj, name) ?? Optional(obj, alternative);

    public static JsonElement Required(JsonElement obj, string name, string location) =>
        Optional(obj, name) ?? throw new MalformedDataException(location, $"field '{name}' is missing");

    public static string? Text(JsonElement? value, string location, string field) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw new MalformedDataException(location, $"field '{field}' should be a string, got {value.Value.ValueKind}"),
    };

    /// <summary>A quantity given as hex text or, in old Parity responses, as a JSON number.</summary>
    public static long Int64(JsonElement? value, string location, string field) => value switch
    {
        null => throw new MalformedDataException(location, $"field '{field}' is missing"),
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var n) && n >= 0 => n,
        { ValueKind: JsonValueKind.String } v => EthHex.Int64(v.GetString(), location, field),
        _ => throw new MalformedDataException(location, $"field '{field}' is not a quantity: {value.Value.GetRawText()}"),
    };

    public static long? OptionalInt64(JsonElement? value, string location, string field) =>
        value is null ? null : Int64(value, location, field);

    public static UInt256 Quantity(JsonElement? value, string location, string field) => value switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetUInt64(out var n) => n,
        _ => EthHex.Quantity(Text(value, location, field), location, field),
    };

    public static UInt256? OptionalQuantity(JsonElement? value, string location, string field) =>
        value is null ? null : Quantity(value, location, field);

    public static EthAddress Address(JsonElement? value, string location, string field) =>
        EthHex.Address(Text(value, location, field), location, field);

    public static EthAddress? OptionalAddress(JsonElement? value, string location, string field) =>
        EthHex.OptionalAddress(Text(value, location, field), location, field);

    public static Hash32 Hash(JsonElement? value, string location, string field) =>
        EthHex.Hash(Text(value, location, field), location, field);
}
