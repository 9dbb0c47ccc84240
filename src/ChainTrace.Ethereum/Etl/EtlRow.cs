using System.Text.Json;
using ChainTrace.Core.Ports;

namespace ChainTrace.Ethereum.Etl;

/// <summary>One exported record, from a JSON Lines object or a CSV row; empty CSV cells read as null.</summary>
public sealed class EtlRow
{
    private readonly JsonElement? _json;
    private readonly IReadOnlyDictionary<string, string>? _csv;

    public EtlRow(string location, JsonElement json)
    {
        Location = location;
        _json = json;
    }

    public EtlRow(string location, IReadOnlyDictionary<string, string> csv)
    {
        Location = location;
        _csv = csv;
    }

    /// <summary>File and line, for error messages.</summary>
    public string Location { get; }

    public string? Get(string field)
    {
        if (_csv is not null)
        {
            return _csv.TryGetValue(field, out var text) && text.Length > 0 ? text : null;
        }

        if (!_json!.Value.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            _ => value.GetRawText(),
        };
    }

    public string Require(string field) =>
        Get(field) ?? throw new MalformedDataException(Location, $"field '{field}' is missing or empty");

    /// <summary>A list field: a JSON array, or in CSV the items joined by commas (ethereum-etl's CSV form).</summary>
    public IReadOnlyList<string> GetList(string field)
    {
        if (_csv is not null)
        {
            var text = Get(field);
            return text is null ? [] : text.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (!_json!.Value.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedDataException(Location, $"field '{field}' should be a list, got {value.ValueKind}");
        }

        return value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();
    }

    /// <summary>The raw JSON of a field that holds objects (block withdrawals); in CSV a JSON text cell.</summary>
    public JsonElement? GetJson(string field)
    {
        if (_csv is not null)
        {
            var text = Get(field);
            if (text is null)
            {
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(text);
                return doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new MalformedDataException(Location, $"field '{field}' is not JSON: {e.Message}", e);
            }
        }

        return _json!.Value.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }
}
