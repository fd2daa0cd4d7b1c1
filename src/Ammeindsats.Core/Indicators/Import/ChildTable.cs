using System.Runtime.CompilerServices;

namespace Ammeindsats.Core.Indicators.Import;

/// <summary>
/// What the import keeps of a child's latest record: 24 bytes, no references. The key is 96 bits of
/// the fingerprint of the child's id (two of a million children share it with a probability of
/// about 10^-17); days, whether still fully breastfed, and the parity class share 16 bits.
/// </summary>
internal struct ChildRecord
{
    private const int DaysMask = 0x0FFF;
    private const int StillFullBit = 0x1000;
    private const int ParityShift = 13;

    public ulong KeyLow;
    public uint KeyHigh;
    public int RecordDay;
    public short BirthYear;
    public short Municipality;
    public short BirthSite;
    private ushort _packed;

    /// <summary>Full breastfeeding days, 0 to 4095 (the importer refuses more than 3650).</summary>
    public short FullDays
    {
        readonly get => (short)(_packed & DaysMask);
        set => _packed = (ushort)((_packed & ~DaysMask) | (value & DaysMask));
    }

    public bool StillFull
    {
        readonly get => (_packed & StillFullBit) != 0;
        set => _packed = (ushort)(value ? _packed | StillFullBit : _packed & ~StillFullBit);
    }

    /// <summary>Whether two records of one child say the same: area, birth year, days, still fully breastfed and parity.</summary>
    public readonly bool SaysTheSameAs(in ChildRecord other) =>
        BirthYear == other.BirthYear && Municipality == other.Municipality && BirthSite == other.BirthSite && _packed == other._packed;

    /// <summary>0 unknown, 1 first-born, 2 later-born.</summary>
    public byte Parity
    {
        readonly get => (byte)(_packed >> ParityShift);
        set => _packed = (ushort)((_packed & ((1 << ParityShift) - 1)) | ((value & 3) << ParityShift));
    }
}

/// <summary>
/// One record per child, keyed by the fingerprint of the child's id, keeping the latest record.
/// </summary>
/// <remarks>
/// Written out rather than a Dictionary because of memory at a million children: records sit in
/// fixed-size chunks that are never copied, and the open-addressing index holds 8 bytes per slot.
/// Growing therefore costs a new index, not a second copy of every record, which keeps the peak
/// well below what a doubling Dictionary of 40-byte entries would reach. Each slot carries 32 bits
/// of the key next to the record's position, so a probe that passes another child's slot is
/// settled without a trip to that child's record, which is the cache miss that dominates here.
/// </remarks>
internal sealed class ChildTable
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    // Records wait here in small batches; see Offer.
    private const int BatchSize = 32;
    private readonly ChildRecord[] _batch = new ChildRecord[BatchSize];
    private readonly int[] _batchLines = new int[BatchSize];
    private int _batched;

    // The file line of each stored record, beside the records rather than in them (4 bytes a child), so a
    // second record of the same date that says something else can name both rows.
    private int[][] _lines = new int[4][];
    private readonly List<(int Earlier, int Later)> _conflicts = [];
    private ulong _touched;

    private ChildRecord[][] _chunks = new ChildRecord[4][];
    // High 32 bits: the top of KeyLow. Low 32 bits: record position + 1, so 0 means empty.
    private ulong[] _slots;
    private int _count;
    private readonly bool _latestRowWins;

    /// <param name="expectedChildren">A guess that saves regrowing the index; any value works.</param>
    /// <param name="latestRowWins">
    /// Two records of one child with the same date that disagree: the later row wins when true; when false the
    /// pair is kept in <see cref="Conflicts"/> (the later row still stands in the table).
    /// </param>
    public ChildTable(int expectedChildren = 0, bool latestRowWins = true)
    {
        _latestRowWins = latestRowWins;
        int slots = 1 << 16;
        while (slots < expectedChildren * 2L && slots < 1 << 30)
        {
            slots <<= 1;
        }

        _slots = new ulong[slots];
    }

    public int Count
    {
        get
        {
            Flush();
            return _count;
        }
    }

    /// <summary>Pairs of file lines (earlier, later) of one child on the same date that say different things, in file order.</summary>
    public IReadOnlyList<(int Earlier, int Later)> Conflicts
    {
        get
        {
            Flush();
            return _conflicts;
        }
    }

    /// <summary>The records in storage order, a chunk at a time, for passes over every child.</summary>
    public IEnumerable<ArraySegment<ChildRecord>> Chunks()
    {
        Flush();
        for (int start = 0; start < _count; start += ChunkSize)
        {
            yield return new ArraySegment<ChildRecord>(_chunks[start >> ChunkBits], 0, Math.Min(ChunkSize, _count - start));
        }
    }

    /// <summary>
    /// Stores the record unless the child already has a later one. On equal dates the new record
    /// wins, because rows are offered in file order and the later row counts; if it says something
    /// else than the earlier one and the table was not told that the latest row wins, the two lines
    /// are kept in <see cref="Conflicts"/>.
    /// </summary>
    /// <remarks>
    /// Records are stored a batch at a time. Each one needs a slot from a random place in an index
    /// of many megabytes, which is a wait for memory; reading a whole batch's slots first lets the
    /// processor fetch them all at once instead of one after the other. Order is kept, so the
    /// outcome is the same as storing one by one.
    /// </remarks>
    public void Offer(in ChildRecord record, int line = 0)
    {
        _batchLines[_batched] = line;
        _batch[_batched++] = record;
        if (_batched == BatchSize)
        {
            Flush();
        }
    }

    /// <summary>
    /// The records a chunk at a time, letting go of the index at once and of each chunk as soon as
    /// the caller asks for the next, so the memory can be reused while the records are repacked.
    /// Nothing can be offered or read afterwards except <see cref="Count"/>.
    /// </summary>
    public IEnumerable<ArraySegment<ChildRecord>> TakeChunks()
    {
        Flush();
        _slots = [];
        _lines = [];
        for (int start = 0; start < _count; start += ChunkSize)
        {
            int chunk = start >> ChunkBits;
            yield return new ArraySegment<ChildRecord>(_chunks[chunk], 0, Math.Min(ChunkSize, _count - start));
            _chunks[chunk] = null!;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Flush()
    {
        if (_batched == 0)
        {
            return;
        }

        ulong[] slots = _slots;
        int mask = slots.Length - 1;
        ulong touched = 0;
        for (int i = 0; i < _batched; i++)
        {
            touched ^= slots[(int)_batch[i].KeyLow & mask];
        }

        // Kept so the reads above are not optimised away.
        _touched ^= touched;
        for (int i = 0; i < _batched; i++)
        {
            Store(in _batch[i], _batchLines[i]);
        }

        _batched = 0;
    }

    private void Store(in ChildRecord record, int line)
    {
        ulong[] slots = _slots;
        int mask = slots.Length - 1;
        int slot = (int)record.KeyLow & mask;
        ulong tag = record.KeyLow & 0xFFFF_FFFF_0000_0000UL;
        while (true)
        {
            ulong entry = slots[slot];
            if (entry == 0)
            {
                slots[slot] = tag | (uint)(Append(record, line) + 1);
                // Half full at most: linear probing stays short.
                if (_count * 2 > slots.Length)
                {
                    GrowIndex();
                }

                return;
            }

            if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag)
            {
                int index = (int)(uint)entry - 1;
                ref var existing = ref Stored(index);
                if (existing.KeyLow == record.KeyLow && existing.KeyHigh == record.KeyHigh)
                {
                    if (record.RecordDay >= existing.RecordDay)
                    {
                        ref int storedLine = ref _lines[index >> ChunkBits][index & ChunkMask];
                        if (!_latestRowWins && record.RecordDay == existing.RecordDay && !existing.SaysTheSameAs(record))
                        {
                            _conflicts.Add((storedLine, line));
                        }

                        existing = record;
                        storedLine = line;
                    }

                    return;
                }
            }

            slot = (slot + 1) & mask;
        }
    }

    private ref ChildRecord Stored(int index) => ref _chunks[index >> ChunkBits][index & ChunkMask];

    private int Append(in ChildRecord record, int line)
    {
        int index = _count;
        int chunk = index >> ChunkBits;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
            Array.Resize(ref _lines, _lines.Length * 2);
        }

        _chunks[chunk] ??= new ChildRecord[ChunkSize];
        _lines[chunk] ??= new int[ChunkSize];
        _chunks[chunk][index & ChunkMask] = record;
        _lines[chunk][index & ChunkMask] = line;
        _count++;
        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GrowIndex()
    {
        var slots = new ulong[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int i = 0; i < _count; i++)
        {
            ulong key = Stored(i).KeyLow;
            int slot = (int)key & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = (key & 0xFFFF_FFFF_0000_0000UL) | (uint)(i + 1);
        }

        _slots = slots;
    }
}
