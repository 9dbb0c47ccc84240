using System.Numerics;

namespace ChainTrace.Simulator.Tests;

public sealed class GroundTruthTests(SmallSignedRun run) : IClassFixture<SmallSignedRun>
{
    [Fact]
    public void EveryAddress_BelongsToExactlyOneKnownEntity()
    {
        var entities = TruthFiles.Truth(run.OutDir, "entities.jsonl").Select(e => e.GetProperty("entity_id").GetInt32()).ToHashSet();
        var addresses = TruthFiles.Truth(run.OutDir, "addresses.jsonl");
        Assert.Equal(run.Summary.Addresses, addresses.Count);
        var keys = addresses.Select(a => $"{a.GetProperty("chain").GetString()}:{a.GetProperty("address").GetString()}").ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(addresses, a => Assert.Contains(a.GetProperty("entity_id").GetInt32(), entities));
        Assert.Equal(run.Summary.Entities, entities.Count);
    }

    [Fact]
    public void EveryRecordedOutputAndInput_IsOwnedByTheEntityTheTruthFileNames()
    {
        var owner = TruthFiles.Truth(run.OutDir, "addresses.jsonl")
            .Where(a => a.GetProperty("chain").GetString() == "btc")
            .ToDictionary(a => a.GetProperty("address").GetString()!, a => a.GetProperty("entity_id").GetInt32());
        foreach (var tx in run.Summary.RecordedBitcoinTransactions!)
        {
            foreach (var o in tx.Outputs.Where(o => o.Address is not null))
            {
                Assert.Equal(owner[o.Address!], o.EntityId);
            }

            foreach (var i in tx.Inputs)
            {
                Assert.Equal(owner[i.Address], i.EntityId);
            }
        }
    }

    [Fact]
    public void Entities_CoverEveryActorKindTheIssueNames()
    {
        var categories = TruthFiles.Truth(run.OutDir, "entities.jsonl").Select(e => e.GetProperty("category").GetString()).ToHashSet();
        foreach (var c in new[] { "exchange", "mixing_service", "market", "ransomware", "scam", "sanction", "miner", "user" })
        {
            Assert.Contains(c, categories);
        }
    }

    [Fact]
    public void RecordedTransactions_IncludeCoinJoinsWithEqualOutputs()
    {
        var recorded = run.Summary.RecordedBitcoinTransactions!;
        Assert.Contains(recorded, t => t.Outputs.Count(o => o.Value == 10_000_000) >= 3 && t.Inputs.Select(i => i.EntityId).Distinct().Count() >= 3);
        Assert.Contains(recorded, t => t.Inputs.Count == 5 && t.Outputs.Count == 5 && t.Outputs.All(o => o.Value == 5_000_000));
    }

    [Fact]
    public void Flows_ToExchanges_NeverExceedWhatLeftTheFlaggedSource()
    {
        var flows = TruthFiles.Truth(run.OutDir, "flows.jsonl");
        Assert.NotEmpty(flows);
        foreach (var source in flows.GroupBy(f => f.GetProperty("source_entity_id").GetInt32()))
        {
            foreach (var model in new[] { "fifo", "haircut" })
            {
                var reached = source.Aggregate(BigInteger.Zero, (sum, f) => sum + BigInteger.Parse(f.GetProperty(model).GetString()!));
                var left = BigInteger.Parse(source.First().GetProperty($"source_outflow_{model}").GetString()!);
                Assert.True(reached > 0, $"{model}: nothing of source {source.Key} reached an exchange");
                Assert.True(reached <= left, $"{model}: {reached} reached exchanges but only {left} left source {source.Key}");
            }
        }
    }

    [Fact]
    public void Poison_IsAnUpperBound_OfFifoAndHaircut_OnEveryFlow()
    {
        var flows = TruthFiles.Truth(run.OutDir, "flows.jsonl");
        Assert.NotEmpty(flows);
        foreach (var f in flows)
        {
            var poison = BigInteger.Parse(f.GetProperty("poison").GetString()!);
            Assert.True(poison >= BigInteger.Parse(f.GetProperty("fifo").GetString()!), f.ToString());
            Assert.True(poison >= BigInteger.Parse(f.GetProperty("haircut").GetString()!), f.ToString());
        }
    }

    [Fact]
    public void Flows_FromTheRansomwarePeelChain_ReachSeveralExchanges_AndMatchTheDepositsMade()
    {
        var entities = TruthFiles.Truth(run.OutDir, "entities.jsonl").ToDictionary(e => e.GetProperty("entity_id").GetInt32(), e => e.GetProperty("category").GetString());
        var ransomware = entities.Single(e => e.Value == "ransomware").Key;
        var flows = TruthFiles.Truth(run.OutDir, "flows.jsonl").Where(f => f.GetProperty("source_entity_id").GetInt32() == ransomware).ToList();
        Assert.True(flows.Count >= 2, "ransom reached fewer than two exchanges");

        // The peel chain pays exchange deposit addresses straight from ransomware-owned coins, so both models
        // must equal the sum of those outputs per exchange, read from the recorded transactions.
        var direct = run.Summary.RecordedBitcoinTransactions!
            .Where(t => t.Inputs.Count > 0 && t.Inputs.All(i => i.EntityId == ransomware))
            .SelectMany(t => t.Outputs)
            .Where(o => entities[o.EntityId] == "exchange")
            .GroupBy(o => o.EntityId)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Value));
        foreach (var f in flows)
        {
            var exchange = f.GetProperty("exchange_entity_id").GetInt32();
            Assert.Equal(direct[exchange], long.Parse(f.GetProperty("fifo").GetString()!));
            Assert.Equal(direct[exchange], long.Parse(f.GetProperty("haircut").GetString()!));
        }
    }

    [Fact]
    public void EthereumFlows_FromTheHacker_CountAtLeastItsDirectDepositsAtEachExchange()
    {
        var entities = TruthFiles.Truth(run.OutDir, "entities.jsonl").ToDictionary(e => e.GetProperty("entity_id").GetInt32(), e => e.GetProperty("category").GetString());
        var owner = TruthFiles.Truth(run.OutDir, "addresses.jsonl")
            .Where(a => a.GetProperty("chain").GetString() == "eth")
            .ToDictionary(a => a.GetProperty("address").GetString()!, a => a.GetProperty("entity_id").GetInt32());
        var flows = TruthFiles.Truth(run.OutDir, "flows.jsonl").Where(f => f.GetProperty("chain").GetString() == "eth").ToList();
        var hacker = Assert.Single(flows.Select(f => f.GetProperty("source_entity_id").GetInt32()).Distinct());
        Assert.Equal("hacking", entities[hacker]);

        // Ether sent straight from the hacker's own accounts to an exchange's account is wholly its taint under
        // both models, so what reached each exchange is at least the sum of those transfers, read from the ETL
        // export (reverted transactions move no value). Other paths (users it paid, the mixer) only add.
        var etl = Path.Combine(run.OutDir, "eth", "etl");
        var succeeded = TruthFiles.Read(Path.Combine(etl, "receipts.json"))
            .Where(r => r.GetProperty("status").GetInt32() == 1)
            .Select(r => r.GetProperty("transaction_hash").GetString())
            .ToHashSet();
        var direct = TruthFiles.Read(Path.Combine(etl, "transactions.json"))
            .Where(t => succeeded.Contains(t.GetProperty("hash").GetString()) && t.GetProperty("to_address").ValueKind == System.Text.Json.JsonValueKind.String)
            .Where(t => owner[t.GetProperty("from_address").GetString()!] == hacker && entities[owner[t.GetProperty("to_address").GetString()!]] == "exchange")
            .GroupBy(t => owner[t.GetProperty("to_address").GetString()!])
            .ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (sum, t) => sum + BigInteger.Parse(t.GetProperty("value").GetRawText())));
        Assert.NotEmpty(direct);
        var reached = flows.ToDictionary(f => f.GetProperty("exchange_entity_id").GetInt32());
        foreach (var (exchange, sent) in direct)
        {
            Assert.True(BigInteger.Parse(reached[exchange].GetProperty("fifo").GetString()!) >= sent, $"fifo at exchange {exchange} below the {sent} wei deposited directly");
            Assert.True(BigInteger.Parse(reached[exchange].GetProperty("haircut").GetString()!) >= sent, $"haircut at exchange {exchange} below the {sent} wei deposited directly");
        }

        // What left the hacker is bounded by what it ever received: the theft plus anything paid to its accounts.
        var received = TruthFiles.Read(Path.Combine(etl, "transactions.json"))
            .Where(t => succeeded.Contains(t.GetProperty("hash").GetString()) && t.GetProperty("to_address").ValueKind == System.Text.Json.JsonValueKind.String)
            .Where(t => owner[t.GetProperty("to_address").GetString()!] == hacker)
            .Aggregate(BigInteger.Zero, (sum, t) => sum + BigInteger.Parse(t.GetProperty("value").GetRawText()));
        var internalIn = TruthFiles.Read(Path.Combine(etl, "traces.json"))
            .Where(t => t.GetProperty("trace_address").GetArrayLength() > 0 && t.GetProperty("status").GetInt32() == 1 && t.GetProperty("to_address").ValueKind == System.Text.Json.JsonValueKind.String)
            .Where(t => owner.TryGetValue(t.GetProperty("to_address").GetString()!, out var o) && o == hacker)
            .Aggregate(BigInteger.Zero, (sum, t) => sum + BigInteger.Parse(t.GetProperty("value").GetRawText()));
        var left = BigInteger.Parse(flows[0].GetProperty("source_outflow_fifo").GetString()!);
        Assert.True(left <= received + internalIn, $"{left} wei left the hacker, more than the {received + internalIn} it received");
    }
}
