using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Esplora;
using ChainTrace.Bitcoin.RawFiles;
using ChainTrace.Bitcoin.Rpc;
using ChainTrace.Core.Ports;

namespace ChainTrace.Bitcoin;

/// <summary>Builds the Bitcoin block source a setting asks for. HTTP sources own their HttpClient unless one is given.</summary>
public static class BitcoinSourceFactory
{
    public static IUtxoBlockSource Create(BitcoinSourceSettings settings, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Locations.Count == 0)
        {
            throw new ArgumentException($"a {settings.Kind} source needs a location", nameof(settings));
        }

        if (settings.Kind != BitcoinSourceKind.RawFiles && settings.Locations.Count > 1)
        {
            throw new ArgumentException($"a {settings.Kind} source takes one location, got {settings.Locations.Count}", nameof(settings));
        }

        var location = settings.Locations[0];
        return settings.Kind switch
        {
            BitcoinSourceKind.BlocksDirectory => new BlocksDirectorySource(new(location, settings.Network, settings.StartHeight)),
            BitcoinSourceKind.RawFiles => new RawBlockFileSource(new(settings.Locations, settings.Network, settings.Heights, settings.StartHeight)),
            BitcoinSourceKind.Rpc => new BitcoinCoreRpcSource(
                new(ParseUrl(location), settings.Network, settings.CookieFile, settings.User, settings.Password, settings.Retry, settings.FetchPrevouts), httpClient),
            BitcoinSourceKind.Esplora => new EsploraSource(new(ParseUrl(location), settings.Network, settings.FetchPrevouts, settings.Retry), httpClient),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "unknown Bitcoin source kind"),
        };
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new ArgumentException($"'{text}' is not an http(s) URL", nameof(text));
}
