using ChainTrace.Api.Access;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;

namespace ChainTrace.Cli.Hosting;

/// <summary>
/// What <c>serve</c> prints once listening: where the keys are and complete example calls that read the key from its
/// file (<c>curl -H "X-Api-Key: $(cat …)"</c>), so no key ever appears in the output or a log.
/// </summary>
public static class StartupBanner
{
    /// <param name="clusters">When given, the exchange example also names its cluster.</param>
    public static void Print(DataDirectory data, string baseUrl, TextWriter log, IClusterOfAddress? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(log);
        baseUrl = baseUrl.TrimEnd('/');
        var admin = KeyFiles.PathOf(data, KeyFiles.AdminName);
        var investigator = KeyFiles.PathOf(data, KeyFiles.DemoInvestigatorName);
        var exchange = KeyFiles.PathOf(data, KeyFiles.DemoExchangeName);
        if (File.Exists(admin))
        {
            log.WriteLine($"keys: admin in {admin}");
        }

        if (File.Exists(investigator))
        {
            log.WriteLine($"keys: demo investigator in {investigator}, demo exchange in {exchange}");
        }

        var reader = File.Exists(investigator) ? investigator : File.Exists(admin) ? admin : "KEYFILE";
        var demo = Path.Combine(data.Path, "demo");
        if (Directory.Exists(Path.Combine(demo, "truth")))
        {
            var examples = DemoLoader.ExampleAddresses(demo).ToList();
            foreach (var (category, address) in examples)
            {
                log.WriteLine($"  try ({category}): {Curl(reader, $"{baseUrl}/v1/addresses/{address}")}  (and /v1/addresses/{address}/labels)");
                if (category == "exchange" && ClusterOf(clusters, address) is { } cluster)
                {
                    log.WriteLine($"  try ({category} cluster): {Curl(reader, $"{baseUrl}/v1/clusters/{cluster}")}  (and /v1/clusters/{cluster}/links)");
                }
            }

            // What an exchange calls before a withdrawal, with its own key (the investigator's may not screen).
            if (File.Exists(exchange) && examples.FirstOrDefault(e => e.Category == "ransomware" && e.Address.StartsWith("btc/", StringComparison.Ordinal)) is { Address: { } flagged } example)
            {
                log.WriteLine($"  screen ({example.Category}, exchange key): {Curl(exchange, $"{baseUrl}/v1/addresses/{flagged}/risk")}  (batches: POST /v1/screenings; Chainalysis-compatible: /api/v1/address/{flagged["btc/".Length..]})");
            }
        }
        else
        {
            log.WriteLine($"  try: {Curl(reader, $"{baseUrl}/v1/addresses/btc/1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")}");
        }

        if (File.Exists(admin))
        {
            log.WriteLine($"  keys: {Curl(admin, $"{baseUrl}/v1/keys")}");
        }

        log.WriteLine($"page: {baseUrl}/ (the investigator page: paste the demo investigator key, or any investigator or admin key, to sign in)");
        log.WriteLine($"listening on {baseUrl}; every call but /health and /openapi, /scalar needs an API key ({ApiKeyAuthenticationHandler.HeaderName} header or Authorization: Bearer)");
    }

    /// <summary>"chain/id" of the cluster of a "chain/address" example, null when unclustered.</summary>
    private static string? ClusterOf(IClusterOfAddress? clusters, string example)
    {
        if (clusters is null)
        {
            return null;
        }

        var slash = example.IndexOf('/', StringComparison.Ordinal);
        var chain = ChainCodes.Parse(example[..slash]);
        var address = Address.Parse(chain, example[(slash + 1)..], Network.Regtest);
        return clusters.GetClusterIdAsync(address, CancellationToken.None).GetAwaiter().GetResult() is { } id ? $"{chain.ToCode()}/{id}" : null;
    }

    public static string Curl(string keyFile, string url) => $"curl -H \"{ApiKeyAuthenticationHandler.HeaderName}: $(cat {keyFile})\" {url}";
}
