using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;
using YamlDotNet.RepresentationModel;

namespace ChainTrace.Labels.TagPacks;

/// <summary>Reads a GraphSense ActorPack: <c>actors:</c> entries with id, label, categories, uri, jurisdictions.</summary>
internal static class ActorPackReader
{
    public static ParsedLabelFile Read(string file, string text)
    {
        var parsed = new ParsedLabelFile(file, LabelFormat.ActorPack);
        var root = YamlFields.LoadRoot(text, out var error);
        if (root is null)
        {
            parsed.Fail(error.Line, error.Message);
            return parsed;
        }

        var header = YamlFields.Fields(root);
        if (header.GetValueOrDefault("actors") is not YamlSequenceNode actors)
        {
            parsed.Fail(1, "an ActorPack needs an 'actors:' list");
            return parsed;
        }

        parsed.Title = YamlFields.AsText(header.GetValueOrDefault("title"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in actors.Children)
        {
            var line = YamlFields.Line(item);
            if (item is not YamlMappingNode mapping)
            {
                parsed.Error(line, "an actor must be a mapping with 'id:' and 'label:'");
                continue;
            }

            var fields = YamlFields.Fields(mapping);
            if (!YamlFields.TryScalar(fields.GetValueOrDefault("id"), out var id) || id is null)
            {
                parsed.Error(line, "the actor has no id");
                continue;
            }

            if (!YamlFields.TryScalar(fields.GetValueOrDefault("label"), out var label) || label is null)
            {
                parsed.Error(line, $"actor '{id}' has no label");
                continue;
            }

            if (!seen.Add(id))
            {
                parsed.Error(line, $"actor '{id}' is defined twice in this pack");
                continue;
            }

            YamlFields.TryScalar(fields.GetValueOrDefault("uri"), out var uri);
            parsed.Actors.Add(new Actor(id, label, List(fields.GetValueOrDefault("categories")), uri, List(fields.GetValueOrDefault("jurisdictions"))));
        }

        return parsed;
    }

    private static List<string> List(YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim()).OfType<string>().Where(s => s.Length > 0).ToList(),
        YamlScalarNode { Value: { Length: > 0 } value } => [value.Trim()],
        _ => [],
    };
}
