using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ChainTrace.Api.Access;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Cases;
using ChainTrace.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Cases;

/// <summary>
/// <c>/v1/cases</c>: investigation cases shared by the web page and scripts — CRUD, notes, pins (address, cluster,
/// trace), history, and <c>GET /v1/cases/{id}/export?format=bundle|report</c>. Investigators and admins; every call on
/// a case is audited under <c>case:ID</c> and every change is in the case's own history with the key's name.
/// </summary>
public static class CaseEndpoints
{
    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder v1)
    {
        var cases = v1.MapGroup("").WithTags("Cases").RequireAccess(AccessPolicy.Read);
        cases.MapPost("/cases", CreateAsync).Audited("cases").WithName("CreateCase").WithSummary("Opens a case: {title, description?}.");
        cases.MapGet("/cases", ListAsync).Audited("cases").WithName("ListCases").WithSummary("Every case, most recently changed first.");
        var one = cases.MapGroup("").Audited("case", "id");
        one.MapGet("/cases/{id}", GetAsync).WithName("GetCase").WithSummary("A case with its notes, pins and history.");
        one.MapMethods("/cases/{id}", ["PATCH"], UpdateAsync).WithName("UpdateCase").WithSummary("Changes title, description or status (open|closed).");
        one.MapDelete("/cases/{id}", DeleteAsync).WithName("DeleteCase").WithSummary("Deletes a case with its notes, pins and history.");
        one.MapPost("/cases/{id}/notes", AddNoteAsync).WithName("AddCaseNote").WithSummary("Adds a note: {text}.");
        one.MapPost("/cases/{id}/pins", AddPinAsync).WithName("AddCasePin").WithSummary("Pins an address, cluster or kept trace: {kind, chain?, subject, comment?}.");
        one.MapDelete("/cases/{id}/pins/{pin}", RemovePinAsync).WithName("RemoveCasePin").WithSummary("Removes a pin.");
        one.MapGet("/cases/{id}/history", HistoryAsync).WithName("GetCaseHistory").WithSummary("Who did what and when, oldest first.");
        one.MapGet("/cases/{id}/export", ExportAsync).WithName("ExportCase").WithSummary("format=bundle: a zip (JSON, CSV, GraphML, provenance of every pinned trace); format=report: a printable HTML page.");
        return v1;
    }

    private static async Task<Results<Created<CaseDto>, ProblemHttpResult>> CreateAsync(CaseRequest request, [FromServices] ICaseStore store, TimeProvider time, HttpContext context, CancellationToken ct)
    {
        if (Validate(request, creating: true) is { } error)
        {
            return error.ToProblem(context);
        }

        var now = time.GetUtcNow();
        var created = new InvestigationCase("case_" + RandomNumberGenerator.GetHexString(16, lowercase: true), request.Title!.Trim(), request.Description?.Trim() ?? "", CaseStatus.Open, Actor(context), now, now);
        await store.CreateCaseAsync(created, ct);
        return TypedResults.Created($"/v1/cases/{created.Id}", CaseDto.From(created));
    }

    private static async Task<Ok<CaseDto[]>> ListAsync([FromServices] ICaseStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListCasesAsync(ct)).Select(CaseDto.From).ToArray());

    private static async Task<Results<Ok<CaseDetailDto>, ProblemHttpResult>> GetAsync(string id, [FromServices] ICaseStore store, HttpContext context, CancellationToken ct) =>
        await DetailAsync(store, id, ct) is { } detail ? TypedResults.Ok(detail) : CaseProblems.UnknownCase(id).ToProblem(context);

    private static async Task<Results<Ok<CaseDto>, ProblemHttpResult>> UpdateAsync(string id, CaseRequest request, [FromServices] ICaseStore store, TimeProvider time, HttpContext context, CancellationToken ct)
    {
        if (Validate(request, creating: false) is { } error)
        {
            return error.ToProblem(context);
        }

        var status = request.Status?.Trim().ToLowerInvariant() switch { null => (CaseStatus?)null, "closed" => CaseStatus.Closed, _ => CaseStatus.Open };
        var updated = await store.UpdateCaseAsync(id, new CaseChange(request.Title?.Trim(), request.Description?.Trim(), status), Actor(context), time.GetUtcNow(), ct);
        return updated is null ? CaseProblems.UnknownCase(id).ToProblem(context) : TypedResults.Ok(CaseDto.From(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, [FromServices] ICaseStore store, HttpContext context, CancellationToken ct) =>
        await store.DeleteCaseAsync(id, ct) ? TypedResults.NoContent() : CaseProblems.UnknownCase(id).ToProblem(context);

    private static async Task<Results<Created<CaseNoteDto>, ProblemHttpResult>> AddNoteAsync(string id, NoteRequest request, [FromServices] ICaseStore store, TimeProvider time, HttpContext context, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > CaseProblems.MaxText)
        {
            return CaseProblems.Invalid("text", $"a note needs text, at most {CaseProblems.MaxText} characters").ToProblem(context);
        }

        var note = await store.AddNoteAsync(id, text, Actor(context), time.GetUtcNow(), ct);
        return note is null ? CaseProblems.UnknownCase(id).ToProblem(context) : TypedResults.Created($"/v1/cases/{id}", CaseNoteDto.From(note));
    }

    private static async Task<Results<Created<CasePinDto>, ProblemHttpResult>> AddPinAsync(string id, PinRequest request, [FromServices] ICaseStore store, [FromServices] CasePinInput input, TimeProvider time, HttpContext context, CancellationToken ct)
    {
        if (await store.GetCaseAsync(id, ct) is null)
        {
            return CaseProblems.UnknownCase(id).ToProblem(context);
        }

        var (pin, error) = await input.ParseAsync(id, request, Actor(context), time.GetUtcNow(), ct);
        if (error is not null)
        {
            return error.ToProblem(context);
        }

        var stored = await store.AddPinAsync(pin!, ct);
        return stored is null ? CaseProblems.UnknownCase(id).ToProblem(context) : TypedResults.Created($"/v1/cases/{id}", CasePinDto.From(stored));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemovePinAsync(string id, long pin, [FromServices] ICaseStore store, TimeProvider time, HttpContext context, CancellationToken ct)
    {
        if (await store.GetCaseAsync(id, ct) is null)
        {
            return CaseProblems.UnknownCase(id).ToProblem(context);
        }

        return await store.RemovePinAsync(id, pin, Actor(context), time.GetUtcNow(), ct) ? TypedResults.NoContent() : CaseProblems.UnknownPin(pin).ToProblem(context);
    }

    private static async Task<Results<Ok<CaseEventDto[]>, ProblemHttpResult>> HistoryAsync(string id, [FromServices] ICaseStore store, HttpContext context, CancellationToken ct) =>
        await store.GetCaseAsync(id, ct) is null
            ? CaseProblems.UnknownCase(id).ToProblem(context)
            : TypedResults.Ok((await store.ListHistoryAsync(id, ct)).Select(CaseEventDto.From).ToArray());

    private static async Task<IResult> ExportAsync(string id, string? format, [FromServices] ICaseStore store, [FromServices] Core.Tracing.ITraceRunner traces, TimeProvider time, HttpContext context, CancellationToken ct)
    {
        format ??= "bundle";
        if (format is not ("bundle" or "report"))
        {
            return CaseProblems.UnknownFormat(format).ToProblem(context);
        }

        var actor = Actor(context);
        var now = time.GetUtcNow();
        if (!await store.RecordEventAsync(id, CaseActions.Exported, format, actor, now, ct))
        {
            return CaseProblems.UnknownCase(id).ToProblem(context);
        }

        var detail = (await DetailAsync(store, id, ct))!;
        var pinned = new List<PinnedTrace>();
        foreach (var pin in detail.Pins.Where(p => p.Kind == "trace"))
        {
            // A trace once kept stays kept (files under DATA/traces); a pin is only made for a trace that exists.
            var json = await traces.GetAsync(pin.Subject, "json", ct);
            var csv = await traces.GetAsync(pin.Subject, "csv", ct);
            var graphMl = await traces.GetAsync(pin.Subject, "graphml", ct);
            if (json is not null && csv is not null && graphMl is not null)
            {
                pinned.Add(new PinnedTrace(pin.Subject, json, csv, graphMl));
            }
        }

        var file = new CaseFile(detail, pinned, now, actor);
        if (format == "report")
        {
            context.Response.Headers.ContentSecurityPolicy = CaseReport.ContentSecurityPolicy;
            return TypedResults.Content(CaseReport.Render(file), "text/html; charset=utf-8", Encoding.UTF8);
        }

        return TypedResults.File(CaseBundle.Build(file), "application/zip", $"{id}.zip");
    }

    private static async Task<CaseDetailDto?> DetailAsync(ICaseStore store, string id, CancellationToken ct)
    {
        if (await store.GetCaseAsync(id, ct) is not { } found)
        {
            return null;
        }

        var notes = await store.ListNotesAsync(id, ct);
        var pins = await store.ListPinsAsync(id, ct);
        var history = await store.ListHistoryAsync(id, ct);
        return new CaseDetailDto(CaseDto.From(found), notes.Select(CaseNoteDto.From).ToArray(), pins.Select(CasePinDto.From).ToArray(), history.Select(CaseEventDto.From).ToArray());
    }

    private static LookupError? Validate(CaseRequest request, bool creating)
    {
        var title = request.Title?.Trim();
        if ((creating || request.Title is not null) && (string.IsNullOrEmpty(title) || title.Length > CaseProblems.MaxTitle))
        {
            return CaseProblems.Invalid("title", $"a case needs a title of 1 to {CaseProblems.MaxTitle} characters");
        }

        if (request.Description is { Length: > CaseProblems.MaxText })
        {
            return CaseProblems.Invalid("description", $"a description holds at most {CaseProblems.MaxText} characters");
        }

        if (request.Status is { } status && status.Trim().ToLowerInvariant() is not ("open" or "closed"))
        {
            return CaseProblems.Invalid("status", $"unknown status '{status}': expected open or closed");
        }

        return null;
    }

    /// <summary>The key's name (who did it); "anonymous" only on a host composed without access control.</summary>
    private static string Actor(HttpContext context) => context.User.FindFirst(ClaimTypes.Name)?.Value ?? "anonymous";
}
