namespace ChainTrace.Api.Cases;

public sealed record NoteRequest(string? Text);
