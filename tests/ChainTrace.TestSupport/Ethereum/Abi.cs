using System.Globalization;
using System.Numerics;
using ChainTrace.Core.Encoding;

namespace ChainTrace.TestSupport.Ethereum;

/// <summary>Just enough ABI encoding for the test contracts: static arguments (addresses, uint256).</summary>
public static class Abi
{
    public static string Call(string signature, params object[] args) =>
        "0x" + Selector(signature) + string.Concat(args.Select(Word));

    public static string Selector(string signature) =>
        Convert.ToHexStringLower(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(signature)).AsSpan(0, 4));

    /// <summary>Creation code followed by encoded constructor arguments.</summary>
    public static string Deploy(string bytecodeHex, params object[] args) =>
        "0x" + bytecodeHex.Trim().Replace("0x", "", StringComparison.Ordinal) + string.Concat(args.Select(Word));

    public static string Word(object arg) => arg switch
    {
        string address when address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => address[2..].ToLowerInvariant().PadLeft(64, '0'),
        BigInteger n => n.ToString("x64", CultureInfo.InvariantCulture)[^64..],
        long n => ((BigInteger)n).ToString("x64", CultureInfo.InvariantCulture)[^64..],
        int n => ((BigInteger)n).ToString("x64", CultureInfo.InvariantCulture)[^64..],
        _ => throw new ArgumentException($"cannot ABI-encode {arg}", nameof(arg)),
    };

    public static string Contract(string name) =>
        File.ReadAllText(Path.Combine(SharedData.RepoRoot, "tests", "ChainTrace.Ethereum.Tests", "Contracts", "build", name + ".bin"));
}
