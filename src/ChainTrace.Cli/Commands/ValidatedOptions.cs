using System.CommandLine;
using System.CommandLine.Parsing;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using ChainTrace.Core.Chains;

namespace ChainTrace.Cli.Commands;

/// <summary>
/// Options whose values are checked while the command line is parsed, so a bad value fails before anything is
/// opened, with a message that names the option (exit code 1). Numeric ranges come from the <c>[Range]</c>
/// attributes of the options classes they fill, so the class stays the one place that states them.
/// </summary>
internal static class ValidatedOptions
{
    /// <summary>A block height: a whole number ≥ 0, or absent.</summary>
    public static Option<long?> Height(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a block height (a whole number, 0 or more)");
            return null;
        },
    };

    /// <summary>An integer option bound to <typeparamref name="TOptions"/>.<paramref name="property"/>: its default and its [Range].</summary>
    public static Option<int> Ranged<TOptions>(string name, string property, string description)
        where TOptions : new()
    {
        var info = typeof(TOptions).GetProperty(property) ?? throw new ArgumentException($"{typeof(TOptions).Name} has no property {property}", nameof(property));
        var range = info.GetCustomAttribute<RangeAttribute>();
        var min = range is null ? int.MinValue : Convert.ToInt32(range.Minimum, CultureInfo.InvariantCulture);
        var max = range is null ? int.MaxValue : Convert.ToInt32(range.Maximum, CultureInfo.InvariantCulture);
        var fallback = (int)info.GetValue(new TOptions())!;
        return new Option<int>(name)
        {
            Description = $"{description} ({min}..{max}, default {fallback})",
            DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = Single(result);
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError($"{name}: '{text}' is not a whole number from {min} to {max}");
                return fallback;
            },
        };
    }

    /// <summary>An amount of wei: a whole number ≥ 0 up to 2^128 - 1 (an Ethereum amount does not fit 64 bits).</summary>
    public static Option<UInt128> Wei(string name, string description, UInt128 fallback) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = Single(result);
            if (UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not an amount of wei (a whole number from 0 to 2^128 - 1)");
            return fallback;
        },
    };

    /// <summary>main, test or regtest; absent = taken from the data (frame magic, the node's chain).</summary>
    public static Option<Network?> Network(string description) => new("--network")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = Single(result);
            try
            {
                return NetworkCodes.Parse(text);
            }
            catch (FormatException ex)
            {
                result.AddError($"--network: {ex.Message}");
                return null;
            }
        },
    };

    /// <summary>--from must not be above --to.</summary>
    public static void AddHeightOrder(Command command, Option<long?> from, Option<long?> to) =>
        command.Validators.Add(result =>
        {
            if (ValueOrNull(result, from) is { } f && ValueOrNull(result, to) is { } t && f > t)
            {
                result.AddError($"--from {f} is above --to {t}: nothing to ingest");
            }
        });

    /// <summary>The parsed value; null when absent or when it failed to parse (that failure has its own error already).</summary>
    private static long? ValueOrNull(CommandResult result, Option<long?> option)
    {
        if (result.GetResult(option) is null)
        {
            return null;
        }

        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
}
