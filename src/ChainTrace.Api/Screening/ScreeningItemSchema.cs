using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChainTrace.Api.Screening;

/// <summary>
/// The OpenAPI schema of a screening item: its fields are read by <see cref="ScalarTextConverter"/>, which the schema
/// generator cannot describe (it leaves them untyped), so they are stated here as the strings clients should send;
/// chain and address are required, direction and amount optional.
/// </summary>
public static class ScreeningItemSchema
{
    private static readonly (string Name, string Description)[] Fields =
    [
        ("chain", "btc or eth"),
        ("address", "the address to screen"),
        ("direction", "withdrawal or deposit (optional)"),
        ("amount", "base units (satoshi, wei) as a decimal string (optional)"),
    ];

    public static OpenApiOptions AddScreeningItemSchema(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(ScreeningItem) && schema.Properties is { } properties)
            {
                foreach (var (name, description) in Fields)
                {
                    properties[name] = new OpenApiSchema { Type = JsonSchemaType.String, Description = description };
                }

                schema.Required = new HashSet<string>(StringComparer.Ordinal) { "chain", "address" };
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
