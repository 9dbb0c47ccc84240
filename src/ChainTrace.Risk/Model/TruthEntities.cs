using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Index.Account;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Risk.Model;

/// <summary>
/// The simulator's ground truth (<c>truth/entities.jsonl</c>, <c>truth/addresses.jsonl</c>) as training classes:
/// per address id of the read model its entity, and per entity whether it is illicit and of which kind. Mixers are
/// neither class (high risk by policy, not by crime) and are left out.
/// </summary>
public sealed class TruthEntities
{
    private static readonly HashSet<string> IllicitKinds = new(StringComparer.Ordinal) { "ransomware", "scam", "market", "hacking", "sanction", "vendor" };

    private TruthEntities(int[] entityOf, Dictionary<int, (bool Illicit, string Kind)> entities)
    {
        EntityOf = entityOf;
        Entities = entities;
    }

    /// <summary>Per address id its entity id, 0 when the truth does not know it (or it is left out).</summary>
    public int[] EntityOf { get; }

    public IReadOnlyDictionary<int, (bool Illicit, string Kind)> Entities { get; }

    public static TruthEntities Load(string truthDirectory, UtxoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Load(truthDirectory, Chain.Btc, index.AddressCount, text =>
            BtcAddress.TryParse(text, Network.Regtest, out var address, out _) || BtcAddress.TryParse(text, Network.Main, out address, out _)
                ? index.FindAddress(address!.Key)
                : -1);
    }

    /// <summary>The same for the Ethereum read model's accounts (the truth's <c>eth</c> addresses).</summary>
    public static TruthEntities Load(string truthDirectory, EthIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Load(truthDirectory, Chain.Eth, index.AddressCount, text =>
            EthAddress.TryParse(text, out var address, out _) ? index.FindAddress(address!.Key) : -1);
    }

    /// <summary><paramref name="find"/>: an address text of <paramref name="chain"/> to its read-model id, -1 when not there.</summary>
    private static TruthEntities Load(string truthDirectory, Chain chain, int addressCount, Func<string?, int> find)
    {
        var code = chain.ToCode();
        var dir = Directory.Exists(Path.Combine(truthDirectory, "truth")) ? Path.Combine(truthDirectory, "truth") : truthDirectory;
        var entitiesPath = Path.Combine(dir, "entities.jsonl");
        var addressesPath = Path.Combine(dir, "addresses.jsonl");
        if (!File.Exists(entitiesPath) || !File.Exists(addressesPath))
        {
            throw new FileNotFoundException($"{dir}: expected entities.jsonl and addresses.jsonl (the simulator's truth directory)");
        }

        var entities = new Dictionary<int, (bool, string)>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(entitiesPath))
        {
            lineNo++;
            using var doc = Parse(entitiesPath, lineNo, line);
            var category = doc.RootElement.GetProperty("category").GetString()!;
            if (category != "mixing_service")
            {
                entities[doc.RootElement.GetProperty("entity_id").GetInt32()] = (IllicitKinds.Contains(category), category);
            }
        }

        var entityOf = new int[addressCount];
        lineNo = 0;
        foreach (var line in File.ReadLines(addressesPath))
        {
            lineNo++;
            using var doc = Parse(addressesPath, lineNo, line);
            var root = doc.RootElement;
            if (root.GetProperty("chain").GetString() != code)
            {
                continue;
            }

            var entity = root.GetProperty("entity_id").GetInt32();
            if (!entities.ContainsKey(entity))
            {
                continue;
            }

            var id = find(root.GetProperty("address").GetString());
            if (id >= 0)
            {
                entityOf[id] = entity;
            }
        }

        return new TruthEntities(entityOf, entities);
    }

    private static JsonDocument Parse(string path, int line, string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}:{line}: {ex.Message}", ex);
        }
    }
}
