using System.Text;

namespace Iom.Registry.Bench;

/// <summary>A read-only stream that produces a CSV file row by row as it is read: the import never sees it whole, nor does this process.</summary>
public sealed class GeneratedCsvStream(int rows, Func<int, string> row) : Stream
{
    private byte[] pending = Encoding.UTF8.GetBytes(string.Join(",", Iom.Registry.Organizations.CsvFormat.Columns) + "\n");
    private int offset;
    private int next;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (this.offset == pending.Length)
            {
                if (next == rows)
                {
                    break;
                }

                pending = Encoding.UTF8.GetBytes(row(next++));
                this.offset = 0;
            }

            var n = Math.Min(buffer.Length - written, pending.Length - this.offset);
            pending.AsSpan(this.offset, n).CopyTo(buffer[written..]);
            this.offset += n;
            written += n;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
