namespace ChainTrace.Api.Screening;

/// <summary>The answer of <c>GET /v1/addresses/{chain}/{address}/risk</c> (and each item of a screening batch).</summary>
public sealed record RiskDto(
    string Chain,
    string Address,
    bool Seen,
    string? Note,
    int Score,
    string Level,
    string Decision,
    IReadOnlyList<string> DecisionReasons,
    long? ClusterId,
    string Received,
    string Sent,
    IReadOnlyList<ExposureDto> Exposures,
    IReadOnlyList<DiscountedDto> Discounted,
    IReadOnlyList<RiskLabelDto> Labels,
    RiskModelDto? Model,
    IReadOnlyList<RiskReasonDto> Reasons,
    long? DataHeight,
    DateTimeOffset? ComputedAt);

public sealed record ExposureDto(string Category, string Direction, string Type, string Amount, double Share);

public sealed record DiscountedDto(string Category, string Type, string Amount, int Outputs, string Reason);

public sealed record RiskLabelDto(string Category, string Text, string Source, int Confidence, string Via);

public sealed record RiskModelDto(string? Version, double Probability, IReadOnlyList<FeatureDto> TopFeatures);

public sealed record FeatureDto(string Feature, double Value, double Contribution);

public sealed record RiskReasonDto(string Code, string? Category, int Points, string Detail);
