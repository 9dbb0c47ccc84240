using System.Text.Json;

namespace ChainTrace.Api.Screening;

/// <summary>
/// Writes a <see cref="RiskDto"/> as the API's JSON serializer does (camelCase, nulls written, declaration order),
/// field by field: the screening hot path's answer without the serializer's per-property metadata walk. A test holds
/// it byte for byte to the serializer's output under the service's options, so the two cannot drift apart.
/// </summary>
public static class RiskJson
{
    public static void Write(Utf8JsonWriter writer, RiskDto risk)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(risk);
        writer.WriteStartObject();
        writer.WriteString("chain", risk.Chain);
        writer.WriteString("address", risk.Address);
        writer.WriteBoolean("seen", risk.Seen);
        writer.WriteString("note", risk.Note);
        writer.WriteNumber("score", risk.Score);
        writer.WriteString("level", risk.Level);
        writer.WriteString("decision", risk.Decision);
        writer.WriteStartArray("decisionReasons");
        foreach (var reason in risk.DecisionReasons)
        {
            writer.WriteStringValue(reason);
        }

        writer.WriteEndArray();
        NumberOrNull(writer, "clusterId", risk.ClusterId);
        writer.WriteString("received", risk.Received);
        writer.WriteString("sent", risk.Sent);
        writer.WriteStartArray("exposures");
        foreach (var e in risk.Exposures)
        {
            writer.WriteStartObject();
            writer.WriteString("category", e.Category);
            writer.WriteString("direction", e.Direction);
            writer.WriteString("type", e.Type);
            writer.WriteString("amount", e.Amount);
            writer.WriteNumber("share", e.Share);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("discounted");
        foreach (var d in risk.Discounted)
        {
            writer.WriteStartObject();
            writer.WriteString("category", d.Category);
            writer.WriteString("type", d.Type);
            writer.WriteString("amount", d.Amount);
            writer.WriteNumber("outputs", d.Outputs);
            writer.WriteString("reason", d.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("labels");
        foreach (var l in risk.Labels)
        {
            writer.WriteStartObject();
            writer.WriteString("category", l.Category);
            writer.WriteString("text", l.Text);
            writer.WriteString("source", l.Source);
            writer.WriteNumber("confidence", l.Confidence);
            writer.WriteString("via", l.Via);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteModel(writer, risk.Model);
        writer.WriteStartArray("reasons");
        foreach (var r in risk.Reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("code", r.Code);
            writer.WriteString("category", r.Category);
            writer.WriteNumber("points", r.Points);
            writer.WriteString("detail", r.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        NumberOrNull(writer, "dataHeight", risk.DataHeight);
        if (risk.ComputedAt is { } computedAt)
        {
            writer.WriteString("computedAt", computedAt);
        }
        else
        {
            writer.WriteNull("computedAt");
        }

        writer.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter writer, RiskModelDto? model)
    {
        if (model is null)
        {
            writer.WriteNull("model");
            return;
        }

        writer.WriteStartObject("model");
        writer.WriteString("version", model.Version);
        writer.WriteNumber("probability", model.Probability);
        writer.WriteStartArray("topFeatures");
        foreach (var f in model.TopFeatures)
        {
            writer.WriteStartObject();
            writer.WriteString("feature", f.Feature);
            writer.WriteNumber("value", f.Value);
            writer.WriteNumber("contribution", f.Contribution);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void NumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
