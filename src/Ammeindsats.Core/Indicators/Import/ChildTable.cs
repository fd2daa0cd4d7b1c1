namespace Ammeindsats.Core.Indicators.Import;

/// <summary>What the import keeps of a child's latest record: 32 bytes, no references.</summary>
internal struct ChildRecord
{
    public ulong KeyLow;
    public ulong KeyHigh;
    public int RecordDay;
    public short BirthYear;
    public short Municipality;
    public short BirthSite;
    public short FullDays;
    public byte Parity;
    public bool StillFull;
}

/// <summary>
/// One record per child, keyed by the fingerprint of the child's id, keeping the latest record.
/// </summary>
/// <remarks>
/// Written out rather than a Dictionary because of memory at a million children: records sit in
/// fixed-size chunks that are never copied, and the open-addressing index holds only an int per
/// slot. Growing therefore costs a new index (a few MB), not a second copy of every record, which
/// keeps the peak far below what a doubling Dictionary of 40-byte entries would reach.
/// </remarks>
internal sealed class ChildTable
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private ChildRecord[][] _chunks = new ChildRecord[4][];
    private int[] _slots = new int[1 << 16];
    private int _count;

    public int Count => _count;

    public ref ChildRecord this[int index] => ref _chunks[index >> ChunkBits][index & ChunkMask];

    /// <summary>
    /// Stores the record unless the child already has a later one. On equal dates the new record
    /// wins, because rows are offered in file order and the later row counts.
    /// </summary>
    public void Offer(in ChildRecord record)
    {
        int mask = _slots.Length - 1;
        int slot = (int)record.KeyLow & mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                _slots[slot] = Append(record) + 1;
                // Half full at most: linear probing stays short, and an int slot is cheap.
                if (_count * 2 > _slots.Length)
                {
                    GrowIndex();
                }

                return;
            }

            ref var existing = ref this[entry - 1];
            if (existing.KeyLow == record.KeyLow && existing.KeyHigh == record.KeyHigh)
            {
                if (record.RecordDay >= existing.RecordDay)
                {
                    existing = record;
                }

                return;
            }

            slot = (slot + 1) & mask;
        }
    }

    private int Append(in ChildRecord record)
    {
        int index = _count;
        int chunk = index >> ChunkBits;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        _chunks[chunk] ??= new ChildRecord[ChunkSize];
        _chunks[chunk][index & ChunkMask] = record;
        _count++;
        return index;
    }

    private void GrowIndex()
    {
        var slots = new int[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int i = 0; i < _count; i++)
        {
            int slot = (int)this[i].KeyLow & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = i + 1;
        }

        _slots = slots;
    }
}
