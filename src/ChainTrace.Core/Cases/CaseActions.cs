namespace ChainTrace.Core.Cases;

/// <summary>The history actions a case store records; stable words, shown to users and kept in exports.</summary>
public static class CaseActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string NoteAdded = "note-added";
    public const string Pinned = "pinned";
    public const string Unpinned = "unpinned";
    public const string Exported = "exported";
}
