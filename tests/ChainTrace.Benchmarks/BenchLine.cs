using System.Diagnostics;
using System.Globalization;

namespace ChainTrace.Benchmarks;

public static class BenchLine
{
    /// <summary>Peak working set of this process in MB (VmHWM on Linux).</summary>
    public static long PeakMb()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                    return kb / 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
    }

    public static string Format(double value) => value.ToString(value >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

    public static void Print(string name, params (string Key, object Value)[] values)
    {
        var parts = values.Select(v => $"{v.Key}={(v.Value is double d ? Format(d) : Convert.ToString(v.Value, CultureInfo.InvariantCulture))}");
        Console.WriteLine($"BENCH {name} {string.Join(' ', parts)}");
    }
}
