using System.Collections.Concurrent;

namespace Ammeindsats.Web.Features.Accounts;

/// <summary>
/// Slows down password guessing without letting anyone lock a colleague out: failed logins are counted per
/// account and client address, and after <see cref="FreeFailures"/> failures that pair must wait 30 seconds before its next
/// try, twice as long after each further failure, up to <see cref="MaxDelay"/>. A login from another address is
/// not affected, a successful login clears the pair, and an administrator can clear an account ("Lås op").
/// The counts live in the process: a restart forgets them, which errs on the side of letting people in.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int FreeFailures = 5;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    // Pairs whose last failure is older than this are forgotten; it bounds the memory a stream of guesses can take.
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string Account, string Address), Entry> _entries = new();

    private sealed record Entry(int Failures, DateTimeOffset LastFailure);

    /// <summary>Whether this account may be tried from this address now.</summary>
    public bool IsAllowed(string account, string address)
    {
        if (!_entries.TryGetValue(Key(account, address), out var entry) || entry.Failures < FreeFailures)
        {
            return true;
        }

        return clock.GetUtcNow() >= entry.LastFailure + Delay(entry.Failures);
    }

    public void Failed(string account, string address)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= MaxEntries)
        {
            foreach (var (key, old) in _entries)
            {
                if (now - old.LastFailure > Forget)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }

        _entries.AddOrUpdate(Key(account, address), _ => new Entry(1, now), (_, e) => new Entry(e.Failures + 1, now));
    }

    public void Succeeded(string account, string address) => _entries.TryRemove(Key(account, address), out _);

    /// <summary>Whether some address is currently held back for this account.</summary>
    public bool IsHeldBack(string account)
    {
        var now = clock.GetUtcNow();
        var normalized = Normalize(account);
        return _entries.Any(e => e.Key.Account == normalized && e.Value.Failures >= FreeFailures && now < e.Value.LastFailure + Delay(e.Value.Failures));
    }

    /// <summary>Clears every address's count for the account (the administrator's "Lås op").</summary>
    public void Clear(string account)
    {
        var normalized = Normalize(account);
        foreach (var key in _entries.Keys.Where(k => k.Account == normalized))
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>30 s after the fifth failure, then 1, 2, 4, 8 minutes, at most <see cref="MaxDelay"/>.</summary>
    public static TimeSpan Delay(int failures) =>
        failures < FreeFailures ? TimeSpan.Zero
        : TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Min(failures - FreeFailures, 20)), MaxDelay.TotalSeconds));

    private static (string, string) Key(string account, string address) => (Normalize(account), address);

    private static string Normalize(string account) => account.Trim().ToUpperInvariant();
}
