namespace ChainTrace.Api.Screening;

/// <summary>The free Chainalysis Sanctions API's answer shape (<c>GET /api/v1/address/{address}</c>).</summary>
public sealed record SanctionsResponse(IReadOnlyList<SanctionIdentification> Identifications);

public sealed record SanctionIdentification(string Category, string Name, string? Description, string? Url);

/// <summary>The Chainalysis Address Screening v2 entity answer shape (<c>GET /api/risk/v2/entities/{address}</c>).</summary>
public sealed record EntityRiskResponse(
    string Address,
    string Risk,
    string? RiskReason,
    EntityCluster? Cluster,
    IReadOnlyList<EntityExposure> Exposures,
    IReadOnlyList<EntityTrigger> Triggers,
    string Status);

public sealed record EntityCluster(string? Name, string? Category);

/// <param name="Value">Base units (satoshi, wei) as an exact JSON integer, as <c>amount</c> of the v1 answer (Chainalysis gives USD here).</param>
public sealed record EntityExposure(string Category, UInt128 Value, string ExposureType, string Direction);

public sealed record EntityTrigger(string Category, double Percentage, string Message, string RuleTriggered);
