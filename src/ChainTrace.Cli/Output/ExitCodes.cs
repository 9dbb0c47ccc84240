namespace ChainTrace.Cli.Output;

/// <summary>What the <c>chaintrace</c> process exit code means; the README lists the same table.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad arguments: an option that does not parse or is out of range, a missing or non-regular input file.</summary>
    public const int BadArgument = 1;

    /// <summary>Bad input data (a block, file or row that is not what it claims), or a malformed lookup.</summary>
    public const int BadData = 2;

    /// <summary>A lookup found nothing.</summary>
    public const int NotFound = 3;

    /// <summary>The source could not be read: unreachable, refused the credentials, answered with an error.</summary>
    public const int SourceFailure = 4;

    /// <summary>The source and the store do not fit (a gap, another network, a branch that does not connect): nothing was changed.</summary>
    public const int Conflict = 5;

    /// <summary>A bug: reported as one, with its stack trace.</summary>
    public const int InternalError = 70;
}
