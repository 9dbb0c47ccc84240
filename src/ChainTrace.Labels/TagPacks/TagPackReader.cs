using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;
using YamlDotNet.RepresentationModel;

namespace ChainTrace.Labels.TagPacks;

/// <summary>
/// Reads a GraphSense TagPack. Header keys (<c>label, source, currency, category, abuse, confidence,
/// is_cluster_definer, actor, …</c>) apply to every entry of <c>tags:</c> unless the entry sets its own. The
/// category is the abuse when one is given (<c>lazarus</c>: category user, abuse sanction → sanction), else the
/// category. A missing confidence is <c>unknown</c>, as the TagPack list defines. A tag whose source is the OFAC
/// sanctions list (<see cref="OfacSource"/>) and says no more than <c>user</c> (or nothing) is a <c>sanction</c> label (the
/// pack's own category kept beside it); a specific category (Blender.io's <c>mixing_service</c>) stays. Either way,
/// without a confidence of its own it has the list's, <c>authority_data</c>, as an imported OFAC list has.
/// </summary>
internal static class TagPackReader
{
    public static ParsedLabelFile Read(string file, string text, LabelReadOptions options)
    {
        var parsed = new ParsedLabelFile(file, LabelFormat.TagPack);
        var root = YamlFields.LoadRoot(text, out var error);
        if (root is null)
        {
            parsed.Fail(error.Line, error.Message);
            return parsed;
        }

        var header = YamlFields.Fields(root);
        if (!header.Remove("tags", out var tagsNode) || tagsNode is not YamlSequenceNode tags)
        {
            parsed.Fail(1, "a TagPack needs a 'tags:' list");
            return parsed;
        }

        parsed.Title = YamlFields.AsText(header.GetValueOrDefault("title"));
        var pack = parsed.PackName;
        foreach (var item in tags.Children)
        {
            var line = YamlFields.Line(item);
            if (item is not YamlMappingNode mapping)
            {
                parsed.Error(line, "a tag must be a mapping with at least 'address:'");
                continue;
            }

            if (ReadTag(parsed, line, new TagFields(header, YamlFields.Fields(mapping)), pack, options) is { } label)
            {
                parsed.Labels.Add(label);
                options.OnLabel?.Invoke(parsed.Labels.Count);
            }
        }

        return parsed;
    }

    private static Label? ReadTag(ParsedLabelFile parsed, int line, TagFields fields, string pack, LabelReadOptions options)
    {
        string? Scalar(string name)
        {
            if (YamlFields.TryScalar(fields[name], out var value))
            {
                return value;
            }

            parsed.Error(line, $"'{name}' must be a single value{fields.Origin(name)}");
            return null;
        }

        var errorsBefore = parsed.Errors.Count;
        var address = Scalar("address");
        var currency = Scalar("currency");
        var network = Scalar("network");
        var text = Scalar("label");
        if (parsed.Errors.Count > errorsBefore)
        {
            return null;
        }

        if (address is null)
        {
            parsed.Error(line, "the tag has no address");
            return null;
        }

        if (currency is null && network is null)
        {
            parsed.Error(line, $"the tag of {address} has no currency (neither the tag nor the header sets one)");
            return null;
        }

        if (CurrencyMap.Resolve(currency ?? network!, network, address) is not { } chain)
        {
            parsed.Skip(currency ?? network!);
            return null;
        }

        if (text is null)
        {
            parsed.Error(line, $"the tag of {address} has no label (neither the tag nor the header sets one)");
            return null;
        }

        var subject = SubjectParser.Parse(parsed, line, chain, address, options);
        var category = Category(parsed, line, fields, Scalar("category"), Scalar("abuse"));
        var sanctionsList = OfacSource.IsSanctionsList(Scalar("source"));
        var confidence = Confidence(parsed, line, fields, Scalar("confidence"), sanctionsList ? TagPackConfidence.AuthorityData : TagPackConfidence.Unknown);
        var definer = ClusterDefiner(parsed, line, fields, Scalar("is_cluster_definer"));
        var actor = Scalar("actor");
        var source = Scalar("source") ?? parsed.Title ?? pack;
        if (sanctionsList && category is { } named && (named.Category == LabelTaxonomy.User || named.Category == LabelTaxonomy.Unknown))
        {
            category = (LabelTaxonomy.Sanction, $"{named.Raw ?? "(none)"}; source: the OFAC sanctions list");
        }
        if (parsed.Errors.Count > errorsBefore || subject is null || category is null || confidence is null || definer is null)
        {
            return null;
        }

        return new Label(
            subject, text, category.Value.Category, category.Value.Raw, actor is null ? null : new LabelActor(actor), source,
            pack, line, confidence.Value, definer.Value, YamlFields.AsText(fields["context"]));
    }

    private static (LabelCategory Category, string? Raw)? Category(ParsedLabelFile parsed, int line, TagFields fields, string? category, string? abuse)
    {
        var raw = (category, abuse) switch
        {
            (null, null) => null,
            (_, null) => category,
            (null, _) => "abuse: " + abuse,
            _ => $"{category}; abuse: {abuse}",
        };
        var chosen = abuse ?? category;
        if (chosen is null)
        {
            return (LabelTaxonomy.Unknown, raw);
        }

        if (LabelTaxonomy.TryFind(chosen, out var found))
        {
            return (found, raw);
        }

        var field = abuse is null ? "category" : "abuse";
        parsed.Error(line, $"{field} '{chosen}'{fields.Origin(field)} is not in the taxonomy");
        return null;
    }

    private static Confidence? Confidence(ParsedLabelFile parsed, int line, TagFields fields, string? text, Confidence missing)
    {
        if (text is null)
        {
            return missing;
        }

        if (TagPackConfidence.TryParse(text, out var confidence))
        {
            return confidence;
        }

        parsed.Error(line, $"confidence '{text}'{fields.Origin("confidence")} is not in the TagPack confidence list ({TagPackConfidence.Describe()})");
        return null;
    }

    private static bool? ClusterDefiner(ParsedLabelFile parsed, int line, TagFields fields, string? text)
    {
        if (text is null)
        {
            return false;
        }

        if (YamlFields.TryBoolean(text, out var value))
        {
            return value;
        }

        parsed.Error(line, $"is_cluster_definer '{text}'{fields.Origin("is_cluster_definer")} is not true or false");
        return null;
    }
}
