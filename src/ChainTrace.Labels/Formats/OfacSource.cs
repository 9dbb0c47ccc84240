namespace ChainTrace.Labels.Formats;

/// <summary>
/// Whether a tag's cited source is the US Treasury's OFAC sanctions list (<c>https://www.treasury.gov/ofac/downloads/sdnlist.txt</c>,
/// <c>ofac.treasury.gov</c>, <c>sanctionssearch.ofac.treas.gov</c>, the Treasury's financial-sanctions pages). GraphSense's
/// own <c>ofac.yaml</c> tags its addresses <c>category: user</c> with no confidence and says what they are only through that
/// source; an address the sanctions list designates is a sanctioned one whatever the pack's category, and the list is
/// the authority's own data.
/// </summary>
internal static class OfacSource
{
    public static bool IsSanctionsList(string? source)
    {
        if (string.IsNullOrWhiteSpace(source) || !Uri.TryCreate(source.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var host = uri.Host.ToLowerInvariant();
        var treasury = host == "treasury.gov" || host.EndsWith(".treasury.gov", StringComparison.Ordinal)
            || host == "treas.gov" || host.EndsWith(".treas.gov", StringComparison.Ordinal);
        var text = (host + uri.AbsolutePath).ToLowerInvariant();
        return treasury && (text.Contains("ofac", StringComparison.Ordinal) || text.Contains("sdn", StringComparison.Ordinal)
            || text.Contains("sanction", StringComparison.Ordinal));
    }
}
