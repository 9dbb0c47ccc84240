using YamlDotNet.RepresentationModel;

namespace ChainTrace.Labels.TagPacks;

/// <summary>One tag's fields: the tag's own value where it has one, else the header's.</summary>
internal sealed class TagFields(IReadOnlyDictionary<string, YamlNode> header, IReadOnlyDictionary<string, YamlNode> tag)
{
    public YamlNode? this[string name] => tag.TryGetValue(name, out var own) ? own : header.GetValueOrDefault(name);

    /// <summary>Where the effective value sits, for error messages.</summary>
    public string Origin(string name) => tag.ContainsKey(name) ? "" : $" (inherited from the header, line {YamlFields.Line(header[name])})";
}
