using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;

namespace ChainTrace.Labels.Etherscan;

/// <summary>
/// Reads one Etherscan account-label CSV (brianleect/etherscan-labels): the file name is the label, rows are
/// <c>,Address,Name Tag,Balance,Txn Count</c>. The name tag is kept as context; balances are display strings
/// of the scrape date and are not read.
/// </summary>
internal static class EtherscanCsvReader
{
    public static ParsedLabelFile Read(string file, string text, LabelReadOptions options)
    {
        var parsed = new ParsedLabelFile(file, LabelFormat.Etherscan);
        var label = Path.GetFileNameWithoutExtension(file);
        var category = EtherscanCategories.For(label);
        var source = $"https://etherscan.io/accounts/label/{label}";
        parsed.Title = $"Etherscan label {label}";
        var (header, rows) = CsvRows.Read(text, parsed);
        if (parsed.Unreadable)
        {
            return parsed;
        }

        if (!header.Contains("Address", StringComparer.OrdinalIgnoreCase))
        {
            parsed.Fail(1, "an Etherscan label file needs an 'Address' column");
            return parsed;
        }

        foreach (var (line, fields, problem) in rows)
        {
            if (problem is not null)
            {
                parsed.Error(line, problem);
                continue;
            }

            if (SubjectParser.Parse(parsed, line, Chain.Eth, fields["Address"], options) is not { } subject)
            {
                continue;
            }

            var nameTag = fields.GetValueOrDefault("Name Tag");
            parsed.Labels.Add(new Label(
                subject, label, category, "etherscan: " + label, null, source, parsed.PackName, line,
                TagPackConfidence.WebCrawl, IsClusterDefiner: false, string.IsNullOrEmpty(nameTag) ? null : nameTag));
            options.OnLabel?.Invoke(parsed.Labels.Count);
        }

        return parsed;
    }
}
