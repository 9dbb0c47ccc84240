namespace ChainTrace.Api.Problems;

public sealed record LookupResult<T>(T? Value, LookupError? Error)
    where T : class
{
    public static LookupResult<T> Ok(T value) => new(value, null);

    public static LookupResult<T> Fail(LookupError error) => new(null, error);

    public static implicit operator LookupResult<T>(LookupError error) => Fail(error);
}
