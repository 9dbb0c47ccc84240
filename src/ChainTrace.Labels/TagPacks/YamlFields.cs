using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChainTrace.Labels.TagPacks;

/// <summary>Small helpers over YamlDotNet's representation model: parsing with the error's line, scalar fields, lines.</summary>
internal static class YamlFields
{
    /// <returns>The root mapping, or null with <paramref name="error"/> set (line and message).</returns>
    public static YamlMappingNode? LoadRoot(string text, out (int Line, string Message) error)
    {
        error = default;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            error = ((int)ex.Start.Line, $"not valid YAML: {ex.Message}");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            error = (1, "expected a YAML mapping at the top level");
            return null;
        }

        return root;
    }

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public static Dictionary<string, YamlNode> Fields(YamlMappingNode mapping)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                fields[name] = value;
            }
        }

        return fields;
    }

    /// <summary>The trimmed scalar value, null when absent or empty; false when the node is not a scalar.</summary>
    public static bool TryScalar(YamlNode? node, out string? value)
    {
        value = null;
        switch (node)
        {
            case null:
                return true;
            case YamlScalarNode scalar:
                value = string.IsNullOrWhiteSpace(scalar.Value) || scalar.Value == "~" || scalar.Value == "null" ? null : scalar.Value.Trim();
                return true;
            default:
                return false;
        }
    }

    public static bool TryBoolean(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "y":
                value = true;
                return true;
            case "false" or "no" or "off" or "n":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The node as text for free-form fields such as <c>context</c>: a scalar's value, else its YAML.</summary>
    public static string? AsText(YamlNode? node) => node switch
    {
        null => null,
        YamlScalarNode scalar => string.IsNullOrWhiteSpace(scalar.Value) ? null : scalar.Value.Trim(),
        _ => node.ToString(),
    };
}
