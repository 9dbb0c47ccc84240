namespace ChainTrace.Core.Chains;

public static class NetworkCodes
{
    public static string ToCode(this Network network) => network switch
    {
        Network.Main => "main",
        Network.Test => "test",
        Network.Regtest => "regtest",
        _ => throw new ArgumentOutOfRangeException(nameof(network)),
    };

    public static Network Parse(string code) => code.Trim().ToLowerInvariant() switch
    {
        "main" or "mainnet" => Network.Main,
        "test" or "testnet" => Network.Test,
        "regtest" => Network.Regtest,
        _ => throw new FormatException($"unknown network '{code}': expected main, test or regtest"),
    };
}
