namespace ChainTrace.Ethereum.Tests.Etl;

/// <summary>
/// A two-block export in the layout the chain simulator writes (JSON Lines, ethereum-etl field names),
/// written by hand so every value is known: block 1 has a 1 ETH payment Alice→Bob and a failed 7 ETH
/// transaction; block 2 has a contract call that forwards 0.25 ETH to Bob (a sibling frame sending 9 ETH
/// reverted), a 500-unit token transfer, and a 32 ETH withdrawal (amount in gwei).
/// </summary>
internal static class SimLayout
{
    public const string Alice = "0x00000000000000000000000000000000000a11ce";
    public const string Bob = "0x0000000000000000000000000000000000000b0b";
    public const string Contract = "0x00000000000000000000000000000000c0ffee00";
    public const string Token = "0x00000000000000000000000000000000700c0000";
    public const string Validator = "0x0000000000000000000000000000000000000da1";

    private const string B0 = "0x1000000000000000000000000000000000000000000000000000000000000000";
    private const string B1 = "0x1000000000000000000000000000000000000000000000000000000000000001";
    private const string B2 = "0x1000000000000000000000000000000000000000000000000000000000000002";
    private const string T1 = "0x2000000000000000000000000000000000000000000000000000000000000001";
    private const string T2 = "0x2000000000000000000000000000000000000000000000000000000000000002";
    private const string T3 = "0x2000000000000000000000000000000000000000000000000000000000000003";
    private const string T4 = "0x2000000000000000000000000000000000000000000000000000000000000004";

    public static void Write(string dir)
    {
        File.WriteAllLines(Path.Combine(dir, "blocks.json"),
        [
            $$"""{"type":"block","number":1,"hash":"{{B1}}","parent_hash":"{{B0}}","timestamp":1700000000,"miner":"{{Validator}}","transaction_count":2,"withdrawals":[]}""",
            $$"""{"type":"block","number":2,"hash":"{{B2}}","parent_hash":"{{B1}}","timestamp":1700000012,"miner":"{{Validator}}","transaction_count":2,"withdrawals":[{"index":0,"validator_index":5,"address":"{{Validator}}","amount":32000000000}]}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "transactions.json"),
        [
            $$"""{"type":"transaction","hash":"{{T1}}","block_number":1,"transaction_index":0,"from_address":"{{Alice}}","to_address":"{{Bob}}","value":1000000000000000000,"gas":21000,"gas_price":1000000000}""",
            $$"""{"type":"transaction","hash":"{{T2}}","block_number":1,"transaction_index":1,"from_address":"{{Alice}}","to_address":"{{Bob}}","value":7000000000000000000,"gas":21000,"gas_price":1000000000}""",
            $$"""{"type":"transaction","hash":"{{T3}}","block_number":2,"transaction_index":0,"from_address":"{{Alice}}","to_address":"{{Contract}}","value":250000000000000000,"gas":90000,"gas_price":1000000000}""",
            $$"""{"type":"transaction","hash":"{{T4}}","block_number":2,"transaction_index":1,"from_address":"{{Alice}}","to_address":"{{Token}}","value":0,"gas":60000,"gas_price":1000000000}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "receipts.json"),
        [
            $$"""{"type":"receipt","transaction_hash":"{{T1}}","block_number":1,"status":1,"gas_used":21000,"effective_gas_price":1000000000,"contract_address":null}""",
            $$"""{"type":"receipt","transaction_hash":"{{T2}}","block_number":1,"status":0,"gas_used":21000,"effective_gas_price":1000000000,"contract_address":null}""",
            $$"""{"type":"receipt","transaction_hash":"{{T3}}","block_number":2,"status":1,"gas_used":50000,"effective_gas_price":1000000000,"contract_address":null}""",
            $$"""{"type":"receipt","transaction_hash":"{{T4}}","block_number":2,"status":1,"gas_used":40000,"effective_gas_price":1000000000,"contract_address":null}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "logs.json"),
        [
            $$"""{"type":"log","log_index":0,"transaction_hash":"{{T4}}","transaction_index":1,"block_number":2,"address":"{{Token}}","data":"0x00000000000000000000000000000000000000000000000000000000000001f4","topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef","0x00000000000000000000000000000000000000000000000000000000000a11ce","0x0000000000000000000000000000000000000000000000000000000000000b0b"]}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "token_transfers.json"),
        [
            $$"""{"type":"token_transfer","token_address":"{{Token}}","from_address":"{{Alice}}","to_address":"{{Bob}}","value":500,"transaction_hash":"{{T4}}","log_index":0,"block_number":2}""",
        ]);
        File.WriteAllLines(Path.Combine(dir, "traces.json"),
        [
            $$"""{"type":"trace","block_number":1,"transaction_hash":"{{T1}}","transaction_index":0,"from_address":"{{Alice}}","to_address":"{{Bob}}","value":1000000000000000000,"trace_type":"call","call_type":"call","trace_address":[],"error":null,"status":1}""",
            $$"""{"type":"trace","block_number":1,"transaction_hash":"{{T2}}","transaction_index":1,"from_address":"{{Alice}}","to_address":"{{Bob}}","value":7000000000000000000,"trace_type":"call","call_type":"call","trace_address":[],"error":"Out of gas","status":0}""",
            $$"""{"type":"trace","block_number":2,"transaction_hash":"{{T3}}","transaction_index":0,"from_address":"{{Alice}}","to_address":"{{Contract}}","value":250000000000000000,"trace_type":"call","call_type":"call","trace_address":[],"error":null,"status":1}""",
            $$"""{"type":"trace","block_number":2,"transaction_hash":"{{T3}}","transaction_index":0,"from_address":"{{Contract}}","to_address":"{{Bob}}","value":250000000000000000,"trace_type":"call","call_type":"call","trace_address":[0],"error":null,"status":1}""",
            $$"""{"type":"trace","block_number":2,"transaction_hash":"{{T3}}","transaction_index":0,"from_address":"{{Contract}}","to_address":"{{Bob}}","value":9000000000000000000,"trace_type":"call","call_type":"call","trace_address":[1],"error":"Reverted","status":0}""",
            $$"""{"type":"trace","block_number":2,"transaction_hash":"{{T4}}","transaction_index":1,"from_address":"{{Alice}}","to_address":"{{Token}}","value":0,"trace_type":"call","call_type":"call","trace_address":[],"error":null,"status":1}""",
        ]);
    }
}
