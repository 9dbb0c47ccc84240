using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChainTrace.Cli.Output;

public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Write(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
}
