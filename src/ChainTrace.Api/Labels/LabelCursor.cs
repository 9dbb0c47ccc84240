using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ChainTrace.Api.Labels;

/// <summary>The opaque page cursor of <c>GET /v1/labels</c>: base64url of a versioned position, never to be built by clients.</summary>
internal static class LabelCursor
{
    private const string Prefix = "labels.v1:";

    public static string Encode(long afterId) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + afterId.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string cursor, out long afterId)
    {
        afterId = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out afterId);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
