namespace ChainTrace.Labels.Formats;

public static class LabelFormats
{
    public static string ToCode(this LabelFormat format) => format switch
    {
        LabelFormat.TagPack => "tagpack",
        LabelFormat.ActorPack => "actorpack",
        LabelFormat.Ofac => "ofac",
        LabelFormat.Etherscan => "etherscan",
        LabelFormat.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown label format"),
    };

    public static bool TryParse(string? code, out LabelFormat format)
    {
        foreach (var candidate in Enum.GetValues<LabelFormat>())
        {
            if (string.Equals(candidate.ToCode(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }

    public const string Codes = "tagpack, actorpack, ofac, etherscan, csv";
}
