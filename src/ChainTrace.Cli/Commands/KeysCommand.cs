using System.CommandLine;
using System.Globalization;
using ChainTrace.Api.Keys;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Access;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace keys create|list|revoke</c>: the same key management as <c>/v1/keys</c>, on the app state <c>serve</c> would use (<see cref="ConfiguredAppState"/>).</summary>
public static class KeysCommand
{
    public static Command Build()
    {
        // Recursive: `keys create --config FILE` and `keys --config FILE create` both work, as --data does.
        var config = ServiceConfiguration.ConfigOption(recursive: true);
        var command = new Command("keys", "Manage API keys (stored as hashes in the app state: DATA/appstate.db, or PostgreSQL when ConnectionStrings:Postgres is configured)")
        {
            Create(config), List(config), Revoke(config), config,
        };
        return command;
    }

    private static Command Create(Option<FileInfo?> config)
    {
        var role = new Option<string>("--role") { Description = "exchange, investigator or admin", Required = true };
        var name = new Option<string>("--name") { Description = "A unique name (letters, digits, '-', '_', '.')", Required = true };
        var expires = new Option<DateTimeOffset?>("--expires")
        {
            Description = "Expiry, ISO 8601 (e.g. 2027-06-30 or 2027-06-30T12:00:00Z; UTC when no offset is given)",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return time;
                }

                result.AddError($"--expires: '{text}' is not an ISO 8601 date or time");
                return null;
            },
        };
        var command = new Command("create", "Create a key and print it once (it cannot be shown again)") { role, name, expires };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!ApiRoles.TryParse(parse.GetValue(role), out var parsedRole))
            {
                error.WriteLine($"error: --role: '{parse.GetValue(role)}' is not a role: expected exchange, investigator or admin");
                return 1;
            }

            var (opened, exitCode) = await ConfiguredAppState.OpenAsync(parse, config, cancellationToken);
            if (opened is null)
            {
                return exitCode;
            }

            await using var store = opened;
            IssuedKey? issued;
            try
            {
                issued = await ApiKeyIssuer.IssueAsync(store, parse.GetValue(name)!, parsedRole, parse.GetValue(expires), DateTimeOffset.UtcNow, cancellationToken);
            }
            catch (FormatException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return 1;
            }

            if (issued is null)
            {
                error.WriteLine($"error: a key named '{parse.GetValue(name)}' exists (revoked names stay taken)");
                return 1;
            }

            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(issued.Text);
            error.WriteLine($"created key '{issued.Key.Name}' (role {parsedRole.ToCode()}{(issued.Key.ExpiresAt is { } e ? $", expires {e:O}" : "")}); it is shown only this once");
            return 0;
        });
        return command;
    }

    private static Command List(Option<FileInfo?> config)
    {
        var command = new Command("list", "List keys (never the keys themselves): name, role, status, created, expires, revoked");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (opened, exitCode) = await ConfiguredAppState.OpenAsync(parse, config, cancellationToken);
            if (opened is null)
            {
                return exitCode;
            }

            await using var store = opened;
            var now = DateTimeOffset.UtcNow;
            var output = parse.InvocationConfiguration.Output;
            foreach (var key in (await store.ListAsync(cancellationToken)).Select(k => k.ToDto(now)))
            {
                output.WriteLine($"{key.Name}\t{key.Role}\t{key.Status}\tcreated {key.CreatedAt:O}\texpires {Time(key.ExpiresAt)}\trevoked {Time(key.RevokedAt)}");
            }

            return 0;
        });
        return command;
    }

    private static Command Revoke(Option<FileInfo?> config)
    {
        var name = new Argument<string>("NAME") { Description = "The key's name" };
        var command = new Command("revoke", "Revoke a key; a running service stops accepting it within its key cache time (2 s by default)") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (opened, exitCode) = await ConfiguredAppState.OpenAsync(parse, config, cancellationToken);
            if (opened is null)
            {
                return exitCode;
            }

            await using var store = opened;
            if (!await store.RevokeAsync(parse.GetValue(name)!, DateTimeOffset.UtcNow, cancellationToken))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: no active key named '{parse.GetValue(name)}'");
                return 1;
            }

            parse.InvocationConfiguration.Output.WriteLine($"revoked key '{parse.GetValue(name)}'");
            return 0;
        });
        return command;
    }


    private static string Time(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? "-";
}
