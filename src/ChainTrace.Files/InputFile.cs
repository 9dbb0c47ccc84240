using System.Runtime.InteropServices;
using ChainTrace.Core.Ports;

namespace ChainTrace.Files;

/// <summary>
/// Opens what a user names as input (a raw block, a blk file, an ETL table) only when it is a regular file:
/// a FIFO would block the open forever and a character device (<c>/dev/zero</c>) never ends. Reads are
/// bounded by the format's own limit, so a huge file is refused rather than loaded.
/// </summary>
public static class InputFile
{
    /// <exception cref="BadArgumentException">The path does not exist or is not a regular file.</exception>
    public static void EnsureRegular(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new BadArgumentException($"{what} {path} is a directory, not a file");
        }

        if (!File.Exists(path))
        {
            throw new BadArgumentException($"{what} {path} does not exist");
        }

        if (FileKind.Of(path) is { } kind && kind != FileKind.Regular)
        {
            throw new BadArgumentException($"{what} {path} is a {FileKind.Describe(kind)}, not a regular file: refusing to read it");
        }
    }

    /// <summary>The whole file, after <see cref="EnsureRegular"/>; refused when longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllBytesAsync(string path, string what, long maxBytes, CancellationToken cancellationToken)
    {
        EnsureRegular(path, what);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.Length > maxBytes)
        {
            throw new MalformedDataException($"{path} at byte 0", $"{stream.Length} bytes is more than a {what} can hold ({maxBytes})");
        }

        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>The file type bits of stat(2), read through the .NET runtime's own native shim (the same on every Unix).</summary>
    private static class FileKind
    {
        public const int Regular = 0x8000;
        private const int TypeMask = 0xF000;

        public static int? Of(string path)
        {
            if (OperatingSystem.IsWindows())
            {
                return null;
            }

            try
            {
                // The shim's FileStatus starts with Flags (int32) then Mode (int32); the buffer is larger than the struct.
                var status = new byte[256];
                return NativeMethods.Stat(path, status) == 0 ? BitConverter.ToInt32(status, 4) & TypeMask : null;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
        }

        public static string Describe(int kind) => kind switch
        {
            0x1000 => "FIFO (named pipe)",
            0x2000 => "character device",
            0x6000 => "block device",
            0xC000 => "socket",
            0x4000 => "directory",
            _ => "special file",
        };
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
    }
}
