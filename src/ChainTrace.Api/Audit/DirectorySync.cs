using System.Runtime.InteropServices;

namespace ChainTrace.Api.Audit;

/// <summary>
/// fsync of a directory (Unix): a file's own fsync makes its contents durable, not its name, so a new journal
/// file's directory entry is made durable once when the file is created; before that, a power loss could lose the
/// whole file with the entries of requests answered on it. A no-op where directories cannot be opened (Windows).
/// </summary>
public static class DirectorySync
{
    // The runtime's own POSIX shim (always shipped with .NET, unlike a "libc" name that needs the C library's
    // development link on some systems): PAL_O_RDONLY | PAL_O_CLOEXEC.
    private const int ReadOnlyCloseOnExec = 0x0010;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        var fd = Open(directory, ReadOnlyCloseOnExec, 0);
        if (fd < 0)
        {
            throw new IOException($"cannot open the directory {directory} to make a new file's entry durable (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of the directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FSync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(nint fd);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(nint fd);
}
