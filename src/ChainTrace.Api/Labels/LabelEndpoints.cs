using ChainTrace.Api.Access;
using ChainTrace.Api.Problems;
using ChainTrace.Api.Lookups;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Labels;

/// <summary>
/// The label endpoints, each kind in its own route group so that access control attaches in one line:
/// <c>MapLabelReadEndpoints(v1).RequireAccess(AccessPolicy.Read)</c> and <c>MapLabelWriteEndpoints(v1).RequireAccess(AccessPolicy.Admin)</c>.
/// </summary>
public static class LabelEndpoints
{
    public static RouteGroupBuilder MapLabelReadEndpoints(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("").WithTags("Labels");
        group.MapGet("/addresses/{chain}/{address}/labels", GetForAddressAsync)
            .Audited("address", "chain", "address")
            .WithName("GetAddressLabels")
            .WithSummary("Labels of an address: its own (via: address) and, once clustering is present, its cluster's (via: cluster). Conflicting labels are all listed.");
        group.MapGet("/labels", ListAsync)
            .WithName("ListLabels")
            .WithSummary("All labels, optionally of one chain and category, in pages: pass nextCursor back as cursor (limit 1-1000, default 100).");
        return group;
    }

    public static RouteGroupBuilder MapLabelWriteEndpoints(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("").WithTags("Labels");
        group.MapPost("/labels/import", ImportAsync)
            .DisableAntiforgery()
            .WithName("ImportLabels")
            .WithSummary("Import label files (multipart, one part per file; fields format, onError=reject|skip, network: default the store's Bitcoin network, else main). 422 when a file was rejected; every bad line is listed with file and line.");
        return group;
    }

    private static async Task<Results<Ok<AddressLabelsDto>, ProblemHttpResult>> GetForAddressAsync(
        string chain, string address, LabelLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await lookup.GetForAddressAsync(chain, address, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<LabelListDto>, ProblemHttpResult>> ListAsync(
        string? chain, string? category, string? cursor, int? limit, LabelLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await lookup.ListAsync(chain, category, cursor, limit, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<LabelImportDto>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, LabelImporter importer, [FromServices] StoreNetwork? storeNetwork, HttpContext context, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return LookupErrors.BadParameter("body", "send multipart/form-data with one file part per label file").ToProblem(context);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.Count == 0)
        {
            return LookupErrors.BadParameter("files", "no file parts in the upload").ToProblem(context);
        }

        LabelFormat? format = null;
        if (form["format"].ToString() is { Length: > 0 } formatText)
        {
            if (!LabelFormats.TryParse(formatText, out var parsed))
            {
                return LookupErrors.BadParameter("format", $"unknown format '{formatText}': expected {LabelFormats.Codes}").ToProblem(context);
            }

            format = parsed;
        }

        var onError = form["onError"].ToString() switch
        {
            "" or "reject" => (OnErrorPolicy?)OnErrorPolicy.Reject,
            "skip" => OnErrorPolicy.Skip,
            _ => null,
        };
        if (onError is null)
        {
            return LookupErrors.BadParameter("onError", "onError is reject or skip").ToProblem(context);
        }

        Network network;
        try
        {
            // Without one given: the network of the store's Bitcoin data, as `labels import` takes it.
            network = form["network"].ToString() is { Length: > 0 } n
                ? NetworkCodes.Parse(n)
                : (storeNetwork is null ? null : await storeNetwork.GetAsync(cancellationToken)) ?? Network.Main;
        }
        catch (FormatException ex)
        {
            return LookupErrors.BadParameter("network", ex.Message).ToProblem(context);
        }

        var inputs = form.Files.Select(f => new LabelInput(Path.GetFileName(f.FileName), f.OpenReadStream)).ToList();
        var summary = await importer.ImportAsync(inputs, new LabelImportOptions(format, onError.Value, network), null, cancellationToken);
        var dto = summary.ToDto();
        if (!summary.AnyRejected)
        {
            return TypedResults.Ok(dto);
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Label file rejected",
            Detail = $"{summary.Files.Count(f => f.Rejected)} file(s) had bad lines and nothing of them was imported (onError=skip imports their good lines); {dto.Summary}",
            Type = $"https://chaintrace.dev/problems/{ProblemCodes.LabelFileRejected}",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = ProblemCodes.LabelFileRejected;
        problem.Extensions["result"] = dto;
        return TypedResults.Problem(problem);
    }
}
