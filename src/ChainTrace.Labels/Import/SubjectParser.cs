using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;

namespace ChainTrace.Labels.Import;

/// <summary>Turns an address (or <c>cluster:&lt;id&gt;</c>) of a file into a subject, or a bad-line error.</summary>
internal static class SubjectParser
{
    public static LabelSubject? Parse(ParsedLabelFile file, int line, Chain chain, string text, LabelReadOptions options)
    {
        try
        {
            return LabelSubject.Parse(chain, text, options.BtcNetwork);
        }
        catch (FormatException error)
        {
            file.Error(line, $"bad {chain.ToCode()} address: {error.Message}");
            return null;
        }
    }
}
