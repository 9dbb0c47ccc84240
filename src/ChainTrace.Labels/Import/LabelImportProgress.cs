namespace ChainTrace.Labels.Import;

/// <summary>Where an import is: which file of how many, and how many labels of it were read so far.</summary>
public readonly record struct LabelImportProgress(int FileIndex, int FileCount, string File, int LabelsRead, int LabelsImported);
