using System.Globalization;
using System.Text;

namespace ChainTrace.Api.Clusters;

/// <summary>Opaque paging cursors: base64url of <c>c1:&lt;position&gt;</c>. Clients must not build them.</summary>
public static class PageCursor
{
    private const string Prefix = "c1:";

    public static string Encode(long position) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position to continue after; -1 for no cursor (the first page); null when the cursor is malformed.</summary>
    public static long? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return -1;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
