using System.Text.Json;
using ChainTrace.Index.Account;
using ChainTrace.Index.Storage;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// The deposit heuristic's persisted state beside the Ethereum clusters (<c>clusters/deposits/</c>): one fold per
/// address, the deposit pairs, the candidate links in the full run's order, and the read-model blocks they reflect
/// (by hash, so a rebuilt or cut-back read model is matched block by block). Folds change in place, so
/// <see cref="Begin"/> marks the state pending and an interrupted update starts over from empty state.
/// </summary>
public sealed class EthDepositState : IDisposable
{
    private readonly string _statePath;

    private EthDepositState(string directory, Header header)
    {
        _statePath = Path.Combine(directory, "state.json");
        State = header;
        Folds = new MappedArray<EthDepositFold>(Path.Combine(directory, "folds.bin"), header.Addresses);
        Blocks = new MappedArray<EthIndexBlock>(Path.Combine(directory, "blocks.bin"), header.Blocks);
        Pairs = new MappedArray<EthDepositPair>(Path.Combine(directory, "pairs.bin"), header.Pairs);
        Candidates = new MappedArray<EthDepositCandidate>(Path.Combine(directory, "candidates.bin"), header.Candidates);
    }

    public Header State { get; }

    /// <summary>True when nothing was kept (first run, another option set, an interrupted update): every address is folded from the start.</summary>
    public bool Fresh { get; private init; }

    public MappedArray<EthDepositFold> Folds { get; }

    public MappedArray<EthIndexBlock> Blocks { get; }

    public MappedArray<EthDepositPair> Pairs { get; }

    public MappedArray<EthDepositCandidate> Candidates { get; }

    public static EthDepositState Open(string directory, string options)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "state.json");
        Header? header = null;
        if (File.Exists(path))
        {
            try
            {
                header = JsonSerializer.Deserialize<Header>(File.ReadAllText(path));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}: not a deposit state file ({ex.Message})", ex);
            }
        }

        var fresh = header is null || header.Pending || header.Options != options;
        return new EthDepositState(directory, fresh ? new Header { Options = options } : header!) { Fresh = fresh };
    }

    public void Begin()
    {
        State.Pending = true;
        Save();
    }

    public void Commit()
    {
        Folds.Flush();
        Blocks.Flush();
        Pairs.Flush();
        Candidates.Flush();
        State.Addresses = Folds.Count;
        State.Blocks = Blocks.Count;
        State.Pairs = Pairs.Count;
        State.Candidates = Candidates.Count;
        State.Pending = false;
        Save();
    }

    public void Dispose()
    {
        Folds.Dispose();
        Blocks.Dispose();
        Pairs.Dispose();
        Candidates.Dispose();
    }

    private void Save()
    {
        var temporary = _statePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(State));
        File.Move(temporary, _statePath, overwrite: true);
    }

    /// <summary><c>state.json</c>: the options the folds were made under, the transfers they cover and the committed counts.</summary>
    public sealed class Header
    {
        public string Options { get; set; } = "";

        public long Transfers { get; set; }

        public long Addresses { get; set; }

        public long Blocks { get; set; }

        public long Pairs { get; set; }

        public long Candidates { get; set; }

        public bool Pending { get; set; }
    }
}
