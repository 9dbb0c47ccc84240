using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;
using ChainTrace.Labels.TagPacks;

namespace ChainTrace.Labels.PlainCsv;

/// <summary>
/// Reads the plain CSV <c>chain,address,label,category,source,confidence</c> (optional <c>actor</c> and
/// <c>is_cluster_definer</c> columns). <c>address</c> may be <c>cluster:&lt;id&gt;</c>; a chain ChainTrace does not
/// ingest (<c>ltc</c>) is skipped and counted; an empty confidence is <c>unknown</c>, an empty source the file name.
/// </summary>
internal static class PlainCsvReader
{
    private static readonly string[] Required = ["chain", "address", "label", "category", "source", "confidence"];

    public static ParsedLabelFile Read(string file, string text, LabelReadOptions options)
    {
        var parsed = new ParsedLabelFile(file, LabelFormat.Csv);
        var pack = parsed.PackName;
        var (header, rows) = CsvRows.Read(text, parsed);
        if (parsed.Unreadable)
        {
            return parsed;
        }

        var missing = Required.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            parsed.Fail(1, $"the header lacks {string.Join(", ", missing)}: expected {string.Join(",", Required)}");
            return parsed;
        }

        foreach (var (line, fields, problem) in rows)
        {
            if (problem is not null)
            {
                parsed.Error(line, problem);
                continue;
            }

            if (!ChainCodes.TryParse(fields["chain"], out var chain))
            {
                parsed.Skip(fields["chain"]);
                continue;
            }

            var errors = parsed.Errors.Count;
            var subject = SubjectParser.Parse(parsed, line, chain, fields["address"], options);
            if (fields["label"].Length == 0)
            {
                parsed.Error(line, "the label is empty");
            }

            if (!LabelTaxonomy.TryFind(fields["category"], out var category))
            {
                parsed.Error(line, $"category '{fields["category"]}' is not in the taxonomy");
            }

            var confidence = TagPackConfidence.Unknown;
            if (fields["confidence"].Length > 0 && !TagPackConfidence.TryParse(fields["confidence"], out confidence))
            {
                parsed.Error(line, $"confidence '{fields["confidence"]}' is not {TagPackConfidence.Describe()}");
            }

            var definer = false;
            if (fields.GetValueOrDefault("is_cluster_definer") is { Length: > 0 } flag && !YamlFields.TryBoolean(flag, out definer))
            {
                parsed.Error(line, $"is_cluster_definer '{flag}' is not true or false");
            }

            if (parsed.Errors.Count > errors || subject is null)
            {
                continue;
            }

            var actor = fields.GetValueOrDefault("actor");
            parsed.Labels.Add(new Label(
                subject, fields["label"], category, fields["category"], string.IsNullOrEmpty(actor) ? null : new LabelActor(actor),
                fields["source"].Length > 0 ? fields["source"] : pack, pack, line, confidence, definer));
            options.OnLabel?.Invoke(parsed.Labels.Count);
        }

        return parsed;
    }
}
