namespace ChainTrace.Api.Labels;

/// <summary>The result of an import: the CLI's summary line, its figures, each file's fate and every bad line.</summary>
public sealed record LabelImportDto(
    string Summary,
    int Imported,
    int Addresses,
    int Clusters,
    IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<LabelFileDto> Files,
    IReadOnlyList<LabelLineErrorDto> Errors);
