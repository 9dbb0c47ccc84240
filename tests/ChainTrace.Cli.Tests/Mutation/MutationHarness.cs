using System.Text.RegularExpressions;

namespace ChainTrace.Cli.Tests.Mutation;

/// <summary>
/// Runs mutants in-process against one store that already holds data, restoring it from a template whenever a
/// run changed it. Each outcome is judged: rejected (non-zero exit, a message naming the file and a byte offset or
/// line, the store's digest unchanged) or accepted with exactly what the unmutated input stores; never an
/// internal error or a stack trace, never a run that does not end.
/// </summary>
internal sealed partial class MutationHarness(string template, string work, string baseDigest)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public int Rejected { get; private set; }

    public int Accepted { get; private set; }

    public List<string> Failures { get; } = [];

    public static void CopyStore(string from, string to)
    {
        if (System.IO.Directory.Exists(to))
        {
            System.IO.Directory.Delete(to, recursive: true);
        }

        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>Runs the unmutated input (or it without one file) and returns the store's digest, then restores the store.</summary>
    public async Task<string> ReferenceAsync(InputSet set, string? withoutFile = null)
    {
        var path = withoutFile is null ? null : Path.Combine(set.Directory, withoutFile);
        var original = path is null ? null : await File.ReadAllBytesAsync(path);
        if (path is not null)
        {
            File.Delete(path);
        }

        var result = await CliRunner.RunAsync(set.Command(work));
        if (path is not null)
        {
            await File.WriteAllBytesAsync(path, original!);
        }

        Assert.True(result.ExitCode == 0, $"unmutated {set.Name} without {withoutFile}: exit {result.ExitCode}\n{result.Error}");
        var digest = await StoreDigest.ComputeAsync(work);
        CopyStore(template, work);
        return digest;
    }

    /// <returns>False when the run did not end (the store can no longer be trusted for the next mutant).</returns>
    public async Task<bool> RunAsync(InputSet set, Mutant mutant)
    {
        var path = Path.Combine(set.Directory, mutant.File);
        var original = File.Exists(path) ? await File.ReadAllBytesAsync(path) : null;
        await File.WriteAllBytesAsync(path, mutant.Bytes);
        (int ExitCode, string Output, string Error) result;
        try
        {
            result = await CliRunner.RunAsync(set.Command(work)).WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            Failures.Add($"{mutant}: did not end within {Timeout.TotalSeconds} s");
            return false;
        }
        finally
        {
            if (original is null)
            {
                File.Delete(path);
            }
            else
            {
                await File.WriteAllBytesAsync(path, original);
            }
        }

        var digest = await StoreDigest.ComputeAsync(work);
        var text = result.Output + result.Error;
        var expected = mutant.AsIfAbsent ? set.WithoutFile[mutant.File] : set.Expected;
        if (result.ExitCode == 70 || text.Contains("internal error", StringComparison.Ordinal) || StackFrame().IsMatch(text))
        {
            Failures.Add($"{mutant}: internal error or stack trace (exit {result.ExitCode}): {First(result.Error)}");
        }
        else if (result.ExitCode == 0)
        {
            Accepted++;
            if (digest != expected)
            {
                Failures.Add($"{mutant}: accepted (exit 0) but stored {(digest == baseDigest ? "nothing" : "other data")} than the unmutated input: {First(result.Output)} | {First(result.Error)}");
            }
        }
        else
        {
            Rejected++;
            if (digest != baseDigest)
            {
                Failures.Add($"{mutant}: rejected (exit {result.ExitCode}) but the store changed: {First(result.Error)}");
            }

            if (!result.Error.Contains(mutant.File, StringComparison.Ordinal) || !Location().IsMatch(result.Error))
            {
                Failures.Add($"{mutant}: rejected (exit {result.ExitCode}) without naming the file and an offset or line: {First(result.Error)}");
            }
        }

        if (digest != baseDigest)
        {
            CopyStore(template, work);
        }

        return true;
    }

    private static string First(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("internal", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "";
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"(at byte \d+|line \d+)")]
    private static partial Regex Location();
}
