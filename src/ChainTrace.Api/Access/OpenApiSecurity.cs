using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChainTrace.Api.Access;

/// <summary>
/// Declares the API-key scheme (<c>X-Api-Key</c> header, or <c>Authorization: Bearer</c>) in the OpenAPI document and,
/// per operation, the requirement and the roles that may call it (<c>x-roles</c>, also stated in the description),
/// so Scalar offers a key field and users see which key an operation needs.
/// </summary>
public static class OpenApiSecurity
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public static OpenApiOptions AddApiKeySecurity(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key (chaintrace keys create, or DATA/keys/*.key)",
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same API key as a bearer token",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var access = context.Description.ActionDescriptor.EndpointMetadata.OfType<AccessMetadata>().LastOrDefault();
            if (access is null || access.Policy == AccessPolicy.Public)
            {
                return Task.CompletedTask;
            }

            var roles = string.Join(", ", access.RoleCodes);
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            ];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray([.. access.RoleCodes.Select(r => (JsonNode)JsonValue.Create(r))]));
            operation.Description = $"{operation.Description}{(string.IsNullOrEmpty(operation.Description) ? "" : " ")}Roles: {roles} (policy '{access.Policy}').".Trim();
            return Task.CompletedTask;
        });
        return options;
    }
}
