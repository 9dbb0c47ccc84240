using System.Runtime.InteropServices;

namespace ChainTrace.Api.Audit;

/// <summary>
/// fdatasync on Linux: a file's data (and the metadata needed to read it back) made durable, not its timestamps.
/// Elsewhere, the full flush of <see cref="FileStream.Flush(bool)"/>.
/// </summary>
internal static class DataSync
{
    public static void Flush(FileStream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            stream.Flush(flushToDisk: true);
            return;
        }

        var handle = stream.SafeFileHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (FDataSync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync of {stream.Name} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FDataSync(int fd);
}
