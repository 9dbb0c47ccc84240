namespace ChainTrace.Core.Labels;

/// <summary>What an import does with a file that has bad lines. Either way every bad line is reported.</summary>
public enum OnErrorPolicy : byte
{
    /// <summary>Nothing of the file is imported.</summary>
    Reject = 0,

    /// <summary>The good lines are imported, the bad ones left out.</summary>
    Skip = 1,
}
