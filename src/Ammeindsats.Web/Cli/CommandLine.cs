using Ammeindsats.Web.Infrastructure;
using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Cli;

/// <summary>Exit codes are part of the contract: scripts depend on them.</summary>
public static class ExitCodes
{
    public const int Done = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
}

/// <summary>Thrown for bad arguments or bad input: exit code 2 with the message on stderr.</summary>
public sealed class InvalidInputException(string message) : Exception(message);

/// <summary>
/// The verbs of the one executable. The platform's verbs are small classes in this folder; a module adds its
/// verbs through its <see cref="IModule"/>. Messages go to stderr in plain words; stdout carries only the command's result.
/// </summary>
public static class CommandLine
{
    // The platform's own verbs; the modules add theirs through their IModule (users, api-keys, import, ...).
    private static readonly CommandVerb[] PlatformVerbs =
    [
        new("migrate", DatabaseCommands.MigrateAsync),
        new("seed", DatabaseCommands.SeedAsync),
        new("backup", BackupCommands.BackupAsync),
        new("restore", BackupCommands.RestoreAsync),
    ];

    /// <summary>Every verb: the platform's and each module's, by name.</summary>
    public static IReadOnlyDictionary<string, CommandVerb> Verbs(IEnumerable<IModule> modules)
    {
        var verbs = PlatformVerbs.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var verb in ModuleCatalog.Describe(modules).Verbs.Values)
        {
            if (!verbs.TryAdd(verb.Name, verb))
            {
                throw new InvalidOperationException($"The verb '{verb.Name}' is defined twice.");
            }
        }

        return verbs;
    }

    // EF logs a failed SQL command as an error even when it expects the failure (asking PostgreSQL for the
    // migration history of an empty database), and logs real failures as pages of stack trace. A command that
    // fails says so on stderr in one plain line instead (see RunAsync).
    private static readonly string[] QuietDatabaseCommands =
    [
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database=None",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Query=None",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Update=None",
    ];

    public static bool IsVerb(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        var verbs = Verbs(Features.Modules.All);
        if (!verbs.TryGetValue(args[0], out var verb))
        {
            await Console.Error.WriteLineAsync($"Ukendt kommando '{args[0]}'. Kendte kommandoer: {string.Join(", ", verbs.Keys.Order())}.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            var parsed = CommandArgs.Parse(args.Skip(1).ToArray());
            // Verbs that need only the database and their own services run in a lean host instead of the whole web app.
            if (verb.LeanServices is { } leanServices)
            {
                using var host = AppBuilder.BuildLeanHost(QuietDatabaseCommands, leanServices);
                return await verb.Run(host.Services, parsed);
            }

            await using var app = AppBuilder.Build(QuietDatabaseCommands, AppMode.CommandLine);
            return await verb.Run(app.Services, parsed);
        }
        catch (InvalidInputException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"Kommandoen mislykkedes: {ex.GetBaseException().Message}");
            return ExitCodes.Failure;
        }
    }
}

/// <summary>Positional words and --options (an option may repeat: --area 751 --area 101).</summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private int _positionalUsed;

    public List<string> Positional { get; } = [];

    public static CommandArgs Parse(string[] args)
    {
        var result = new CommandArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                result.Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result.Add(name[..eq], name[(eq + 1)..]);
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                result.Add(name, args[++i]);
            }
            else
            {
                result._flags.Add(name);
            }
        }

        return result;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _flags.Contains(name);
    }

    public string? Option(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values[^1] : null;
    }

    public string Required(string name) =>
        Option(name) is { Length: > 0 } value ? value : throw new InvalidInputException($"Mangler --{name}.");

    public IReadOnlyList<string> All(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values : [];
    }

    public string PositionalAt(int index, string what)
    {
        _positionalUsed = Math.Max(_positionalUsed, index + 1);
        return index < Positional.Count ? Positional[index] : throw new InvalidInputException($"Mangler {what}.");
    }

    /// <summary>
    /// Refuses options and words the verb does not know, so a typo is not silently ignored ("seed demo"
    /// without the dashes would otherwise load only the reference data).
    /// </summary>
    public void EnsureNoUnknownOptions()
    {
        var unknown = _options.Keys.Concat(_flags).Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException($"Ukendt tilvalg: {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }

        var extra = Positional.Skip(_positionalUsed).ToList();
        if (extra.Count > 0)
        {
            throw new InvalidInputException($"Ukendt ord i kommandoen: {string.Join(", ", extra.Select(e => $"'{e}'"))}. Tilvalg skrives med to bindestreger, fx --demo.");
        }
    }

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var list))
        {
            _options[name] = list = [];
        }

        list.Add(value);
    }
}
