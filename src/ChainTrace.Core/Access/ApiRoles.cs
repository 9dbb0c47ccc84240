namespace ChainTrace.Core.Access;

/// <summary>The role codes used in key files, the CLI, the API and the audit log.</summary>
public static class ApiRoles
{
    public const string ExchangeCode = "exchange";
    public const string InvestigatorCode = "investigator";
    public const string AdminCode = "admin";

    public static string ToCode(this ApiRole role) => role switch
    {
        ApiRole.Exchange => ExchangeCode,
        ApiRole.Investigator => InvestigatorCode,
        ApiRole.Admin => AdminCode,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    public static bool TryParse(string? code, out ApiRole role)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case ExchangeCode: role = ApiRole.Exchange; return true;
            case InvestigatorCode: role = ApiRole.Investigator; return true;
            case AdminCode: role = ApiRole.Admin; return true;
            default: role = default; return false;
        }
    }

    /// <exception cref="FormatException">the code names no role.</exception>
    public static ApiRole Parse(string? code) =>
        TryParse(code, out var role) ? role : throw new FormatException($"'{code}' is not a role: expected exchange, investigator or admin");
}
