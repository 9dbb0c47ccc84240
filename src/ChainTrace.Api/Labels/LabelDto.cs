namespace ChainTrace.Api.Labels;

/// <summary>
/// A label as the API shows it. <c>via</c> says why it applies: <c>address</c> (it names the address) or
/// <c>cluster</c> (it names, or was propagated to, the address's cluster). <c>pack</c> and <c>line</c> say where it was read.
/// </summary>
public sealed record LabelDto(
    long Id,
    string Chain,
    string Subject,
    string Via,
    long? Cluster,
    string Category,
    string Severity,
    string Label,
    LabelActorDto? Actor,
    string Source,
    string Pack,
    int Line,
    ConfidenceDto Confidence,
    bool ClusterDefiner,
    string? SourceCategory,
    string? Context);
