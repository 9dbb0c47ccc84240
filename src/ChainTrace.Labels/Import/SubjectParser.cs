using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;

namespace ChainTrace.Labels.Import;

/// <summary>
/// Turns an address (or <c>cluster:&lt;id&gt;</c>) of a file into a subject, or a bad-line error; a valid address of a
/// chain not ingested, filed under the wrong currency, is skipped under its own currency with a warning.
/// </summary>
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
            if (Formats.ForeignAddress.CurrencyOf(text) is { } currency)
            {
                file.Skip(currency);
                file.Warn(line, $"{text.Trim()} is a valid {currency} address filed under {chain.ToCode()}: skipped ({currency} is not ingested)");
                return null;
            }

            file.Error(line, $"bad {chain.ToCode()} address: {error.Message}");
            return null;
        }
    }
}
