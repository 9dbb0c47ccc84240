using System.Text;
using System.Text.Json;
using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;

namespace ChainTrace.Labels.Ofac;

/// <summary>
/// Reads the OFAC SDN "Digital Currency Address" lists as 0xB10C publishes them: <c>sanctioned_addresses_&lt;ASSET&gt;.txt</c>
/// (one address per line) and <c>.json</c> (an array of strings). Every address is labelled <c>sanction</c> with
/// authority_data confidence; the asset in the file name decides the chain (<see cref="CurrencyMap"/>).
/// </summary>
internal static class OfacListReader
{
    public const string Source = "US Treasury OFAC SDN list, digital currency addresses (via github.com/0xB10C/ofac-sanctioned-digital-currency-addresses)";

    public static ParsedLabelFile Read(string file, string text, LabelReadOptions options)
    {
        var parsed = new ParsedLabelFile(file, LabelFormat.Ofac);
        var asset = FormatDetector.OfacAsset(file);
        if (asset is null)
        {
            parsed.Fail(0, "an OFAC list must be named sanctioned_addresses_<ASSET>.txt or .json: the asset names the currency");
            return parsed;
        }

        parsed.Title = $"OFAC SDN digital currency addresses ({asset})";
        var entries = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonEntries(parsed, text) : TextEntries(text);
        foreach (var (line, address) in entries)
        {
            if (CurrencyMap.Resolve(asset, null, address) is not { } chain)
            {
                parsed.Skip(asset);
                continue;
            }

            if (SubjectParser.Parse(parsed, line, chain, address, options) is { } subject)
            {
                parsed.Labels.Add(new Label(
                    subject, $"OFAC SDN ({asset})", LabelTaxonomy.Sanction, "ofac", null, Source, parsed.PackName, line,
                    TagPackConfidence.AuthorityData, IsClusterDefiner: false));
                options.OnLabel?.Invoke(parsed.Labels.Count);
            }
        }

        return parsed;
    }

    private static IEnumerable<(int Line, string Address)> TextEntries(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var address = lines[i].Trim().Trim('\uFEFF');
            if (address.Length > 0)
            {
                yield return (i + 1, address);
            }
        }
    }

    private static List<(int Line, string Address)> JsonEntries(ParsedLabelFile parsed, string text)
    {
        var entries = new List<(int, string)>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                parsed.Fail(1, "an OFAC .json list must be a JSON array of address strings");
                return entries;
            }

            var (counted, line) = (0, 1);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // Lines counted incrementally from the last token: the reader gives byte offsets, not lines.
                line += bytes.AsSpan(counted, (int)reader.TokenStartIndex - counted).Count((byte)'\n');
                counted = (int)reader.TokenStartIndex;
                if (reader.TokenType == JsonTokenType.String)
                {
                    entries.Add((line, reader.GetString()!));
                }
                else
                {
                    parsed.Error(line, $"expected an address string, found {reader.TokenType}");
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            parsed.Fail((int)(ex.LineNumber ?? 0) + 1, $"not valid JSON: {ex.Message}");
        }

        return entries;
    }
}
