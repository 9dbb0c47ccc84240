using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

internal static class MainnetFiles
{
    /// <summary>A Bitcoin Core style blocks dir holding the shared mainnet blk files (heights 0–599), copied to a temp dir.</summary>
    public static string BlocksDir(TempDir temp)
    {
        var dir = Path.Combine(temp.Path, "blocks");
        Directory.CreateDirectory(dir);
        File.Copy(SharedData.Path("bitcoin", "raw", "blk00000_mainnet_h0-299.dat"), Path.Combine(dir, "blk00000.dat"));
        File.Copy(SharedData.Path("bitcoin", "raw", "blk00001_mainnet_h300-599.dat"), Path.Combine(dir, "blk00001.dat"));
        return dir;
    }

    public static string Raw(string name) => SharedData.Path("bitcoin", "raw", name);
}
