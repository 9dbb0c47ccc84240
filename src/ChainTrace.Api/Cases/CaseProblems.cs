using ChainTrace.Api.Problems;

namespace ChainTrace.Api.Cases;

/// <summary>The stable problem codes of the cases API.</summary>
public static class CaseProblems
{
    public const string UnknownCaseCode = "unknown-case";
    public const string InvalidCaseCode = "invalid-case";
    public const string UnknownPinKindCode = "unknown-pin-kind";
    public const string UnknownPinCode = "unknown-pin";
    public const string UnknownTraceCode = "unknown-trace";
    public const string UnknownFormatCode = "unknown-format";
    public const int MaxTitle = 200;
    public const int MaxText = 20_000;

    public static LookupError UnknownCase(string id) => new(404, UnknownCaseCode, "No such case", $"no case has id '{id}'");

    public static LookupError Invalid(string field, string detail) => new(400, InvalidCaseCode, $"Invalid case field '{field}'", detail, field);

    public static LookupError UnknownPin(long id) => new(404, UnknownPinCode, "No such pin", $"the case has no pin {id}");

    public static LookupError UnknownTrace(string id) => new(404, UnknownTraceCode, "No such trace", $"no trace has id '{id}' (run it with POST /v1/traces first)");

    public static LookupError UnknownFormat(string format) =>
        new(400, ProblemCodes.InvalidParameter, "Unknown format", $"unknown export format '{format}': expected bundle or report", UnknownFormatCode);
}
