using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>
/// A large named value in a refresh file's <c>state</c> table, stored as numbered pieces of at most
/// <see cref="PieceBytes"/> (a SQLite value stops at 1 GB, and one array of it would have to sit in memory whole):
/// written through <see cref="Write"/>'s stream, read back through <see cref="Read"/>'s.
/// </summary>
internal static class StateBlob
{
    public const int PieceBytes = 32 << 20;

    /// <summary>Replaces the value <paramref name="name"/> with what <paramref name="write"/> writes.</summary>
    public static void Write(SqliteConnection connection, string name, Action<BinaryWriter> write)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, data BLOB NOT NULL); DELETE FROM state WHERE name >= $a AND name < $b";
            command.Parameters.AddWithValue("$a", name + "/");
            command.Parameters.AddWithValue("$b", name + "0");
            command.ExecuteNonQuery();
        }

        using var stream = new PieceWriter(connection, name);
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        stream.Flush();
    }

    /// <summary>The value <paramref name="name"/> to <paramref name="read"/>; default when there is none.</summary>
    public static T? Read<T>(SqliteConnection connection, string name, Func<BinaryReader, T?> read)
    {
        using var stream = new PieceReader(connection, name);
        if (!stream.Any)
        {
            return default;
        }

        using var reader = new BinaryReader(stream);
        return read(reader);
    }

    private static string PieceName(string name, int piece) => FormattableString.Invariant($"{name}/{piece:D6}");

    private sealed class PieceWriter(SqliteConnection connection, string name) : Stream
    {
        private readonly MemoryStream _buffer = new();
        private int _piece;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                var room = PieceBytes - (int)_buffer.Length;
                var part = Math.Min(room, buffer.Length);
                _buffer.Write(buffer[..part]);
                buffer = buffer[part..];
                if (_buffer.Length == PieceBytes)
                {
                    Flush();
                }
            }
        }

        public override void Flush()
        {
            if (_buffer.Length == 0)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO state (name, data) VALUES ($n, $d)";
            command.Parameters.AddWithValue("$n", PieceName(name, _piece++));
            command.Parameters.AddWithValue("$d", _buffer.ToArray());
            command.ExecuteNonQuery();
            _buffer.SetLength(0);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _buffer.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class PieceReader : Stream
    {
        private readonly SqliteConnection _connection;
        private readonly string _name;
        private byte[]? _current;
        private int _offset;
        private int _piece;

        public PieceReader(SqliteConnection connection, string name)
        {
            _connection = connection;
            _name = name;
            _current = Next();
        }

        public bool Any => _current is not null;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_current is not null && _offset == _current.Length)
            {
                _current = Next();
                _offset = 0;
            }

            if (_current is null)
            {
                return 0;
            }

            var n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private byte[]? Next()
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT data FROM state WHERE name = $n";
            command.Parameters.AddWithValue("$n", PieceName(_name, _piece++));
            return command.ExecuteScalar() as byte[];
        }
    }
}
