namespace ChainTrace.Jobs.Settings;

/// <summary>
/// <c>Jobs:RetrainModel:Truth</c>: a directory of labelled entities in the simulator's truth format (<c>entities.jsonl</c>,
/// <c>addresses.jsonl</c>, directly or under <c>truth/</c>) that the model learns from; <c>Jobs:RetrainModel:UnseenKind</c>:
/// the illicit kind kept out of training for <c>unseen_kind_auc</c>.
/// </summary>
public sealed record RetrainModelSettings(string? Truth, string UnseenKind);
