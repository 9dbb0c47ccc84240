namespace ChainTrace.Api.Labels;

public sealed record LabelFileDto(string File, string Format, int Imported, int Actors, bool Rejected);
