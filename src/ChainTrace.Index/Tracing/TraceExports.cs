using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace ChainTrace.Index.Tracing;

/// <summary>
/// A stored trace in the other export formats. CSV: one row per edge (hop, txid, height, outpoint, address,
/// amount, stop). GraphML: transactions and addresses as nodes, an edge per hop from the transaction to the
/// address that received (forward) or from the address that paid into it (backward), with amount and hop;
/// address nodes carry the endpoint's category and labels. Both readable by Gephi and networkx.
/// </summary>
public static class TraceExports
{
    /// <summary>The stored JSON bytes in <paramref name="format"/> (json, csv, graphml).</summary>
    public static byte[] Convert(byte[] json, string format)
    {
        if (format == "json")
        {
            return json;
        }

        var document = JsonSerializer.Deserialize<TraceDocument>(json, TraceService.Json)
            ?? throw new InvalidDataException("a stored trace is not a trace document");
        return Encoding.UTF8.GetBytes(format == "csv" ? Csv(document) : GraphMl(document));
    }

    public static string Csv(TraceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder("hop,txid,height,outpoint,address,amount,stop\n");
        foreach (var e in document.Edges)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Hop},{e.Txid},{e.Height},{e.Outpoint},{e.Address},{e.Amount},{e.Stop}\n");
        }

        return text.ToString();
    }

    public static string GraphMl(TraceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var endpoints = new Dictionary<string, TraceEndpointView>(StringComparer.Ordinal);
        foreach (var e in document.Endpoints)
        {
            endpoints[e.Entity] = e;
        }

        // To bytes, not a StringBuilder: the declaration must say UTF-8 (a string writer would declare UTF-16).
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            const string ns = "http://graphml.graphdrawing.org/xmlns";
            xml.WriteStartElement("graphml", ns);
            Key(xml, "kind", "node", "string");
            Key(xml, "category", "node", "string");
            Key(xml, "labels", "node", "string");
            Key(xml, "amount", "edge", "string");
            Key(xml, "hop", "edge", "int");
            Key(xml, "height", "edge", "long");
            xml.WriteStartElement("graph", ns);
            xml.WriteAttributeString("id", document.Id);
            xml.WriteAttributeString("edgedefault", "directed");
            var nodes = new HashSet<string>(StringComparer.Ordinal);
            void Node(string id, string kind, TraceEndpointView? endpoint)
            {
                if (!nodes.Add(id))
                {
                    return;
                }

                xml.WriteStartElement("node", ns);
                xml.WriteAttributeString("id", id);
                Data(xml, "kind", kind);
                if (endpoint is not null)
                {
                    Data(xml, "category", endpoint.Category ?? "");
                    Data(xml, "labels", string.Join("; ", endpoint.Labels));
                }

                xml.WriteEndElement();
            }

            var n = 0;
            foreach (var e in document.Edges)
            {
                var tx = "tx:" + e.Txid;
                var address = e.Address ?? "output:" + e.Outpoint;
                Node(tx, "transaction", null);
                Node(address, e.Stop ?? "address", e.Address is not null && endpoints.TryGetValue(e.Address, out var endpoint) ? endpoint : null);
                var (from, to) = document.Direction == "forward" ? (tx, address) : (address, tx);
                xml.WriteStartElement("edge", ns);
                xml.WriteAttributeString("id", "e" + (n++).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("source", from);
                xml.WriteAttributeString("target", to);
                Data(xml, "amount", e.Amount);
                Data(xml, "hop", e.Hop.ToString(CultureInfo.InvariantCulture));
                Data(xml, "height", e.Height.ToString(CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static void Key(XmlWriter xml, string name, string domain, string type)
    {
        xml.WriteStartElement("key", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("id", name);
        xml.WriteAttributeString("for", domain);
        xml.WriteAttributeString("attr.name", name);
        xml.WriteAttributeString("attr.type", type);
        xml.WriteEndElement();
    }

    private static void Data(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("data", "http://graphml.graphdrawing.org/xmlns");
        xml.WriteAttributeString("key", key);
        xml.WriteString(value);
        xml.WriteEndElement();
    }
}
