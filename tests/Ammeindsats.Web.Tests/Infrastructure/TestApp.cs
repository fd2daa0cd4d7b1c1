using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Modules;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ammeindsats.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database: a fresh SQLite file, or a fresh PostgreSQL database on 127.0.0.1.
/// Migrations and the demo seed run exactly as on a first start.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private string? _postgresDatabase;

    /// <summary>The SQLite file this app made and deletes when disposed (a restarted app shares it and leaves it).</summary>
    private string? _sqliteFile;

    private readonly string _environment;
    private readonly bool _demo;
    private readonly IReadOnlyList<IModule> _modules;

    private TestApp(DatabaseProvider provider, string connectionString, string? postgresDatabase, string environment, bool demo, IReadOnlyList<IModule>? modules = null)
    {
        _modules = modules ?? [];
        Provider = provider;
        _connectionString = connectionString;
        _postgresDatabase = postgresDatabase;
        _environment = environment;
        _demo = demo;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString => _connectionString;

    /// <summary>
    /// A test app on a fresh database. By default it loads the demo content on its first start, as the development
    /// profile does; with <paramref name="demo"/> false it starts as a published installation would, in
    /// <paramref name="environment"/>, with only what that environment's own settings give. <paramref name="modules"/>
    /// are plugged in through the module contract besides the app's own, as a new module's one line would.
    /// </summary>
    public static TestApp Create(DatabaseProvider provider, string environment = "Testing", bool demo = true, IReadOnlyList<IModule>? modules = null)
    {
        // An app with modules of its own seeds what they bring, so it starts from scratch rather than from the template.
        if (environment == "Testing" && demo && (modules is null || modules.Count == 0))
        {
            return FromTemplate(provider);
        }

        return Fresh(provider, environment, demo, modules);
    }

    /// <summary>
    /// The migrated and demo-seeded database of each provider, made once per test run by a real first start and then
    /// copied for every test app that starts on a database nobody has touched yet: a file copy for SQLite,
    /// <c>CREATE DATABASE … TEMPLATE</c> for PostgreSQL. The copy is what a first start would have made; it then starts
    /// as any later start does (migrations checked, reference data checked). A test that works on the database before
    /// the app starts (the command-line tests) finds it empty, as before.
    /// </summary>
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<string>> Templates = new();

    private static readonly Lock TemplateCopy = new();

    /// <summary>Set on an app whose first start may take a copy of the template.</summary>
    private bool _fromTemplate;

    private static TestApp FromTemplate(DatabaseProvider provider)
    {
        var app = Fresh(provider, "Testing", demo: true);
        app._fromTemplate = true;
        return app;
    }

    /// <summary>Called as the app starts: an untouched database becomes a copy of the template.</summary>
    private void CopyTemplateIfUntouched()
    {
        if (!_fromTemplate)
        {
            return;
        }

        var template = Templates.GetOrAdd(Provider, p => new Lazy<string>(() => BuildTemplate(p))).Value;
        if (Provider == DatabaseProvider.Sqlite)
        {
            if (!File.Exists(_sqliteFile))
            {
                File.Copy(template, _sqliteFile!);
            }

            return;
        }

        using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        admin.Open();
        using (var own = new NpgsqlConnection(_connectionString))
        {
            own.Open();
            using var tables = own.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'";
            if (Convert.ToInt64(tables.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(_connectionString));
        lock (TemplateCopy)
        {
            using var copy = admin.CreateCommand();
            copy.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE); ";
            copy.ExecuteNonQuery();
            copy.CommandText = $"CREATE DATABASE \"{_postgresDatabase}\" TEMPLATE \"{template}\"";
            copy.ExecuteNonQuery();
        }
    }

    /// <summary>Starts a fresh app once, lets it migrate and seed, closes every connection to it and keeps its database.</summary>
    private static string BuildTemplate(DatabaseProvider provider)
    {
        // The template app neither deletes its file nor drops its database when disposed: both outlive it.
        var fresh = Fresh(provider, "Testing", demo: true);
        var template = provider == DatabaseProvider.Sqlite ? fresh._sqliteFile! : fresh._postgresDatabase!;
        fresh._sqliteFile = null;
        fresh._postgresDatabase = null;
        using (fresh)
        {
            _ = fresh.Server;
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(template);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropDatabase(template);
        }

        return template;
    }

    private static void TryDelete(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A temporary file left behind is harmless.
            }
        }
    }

    private static void DropDatabase(string name)
    {
        try
        {
            using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at the end of the run.
        }
    }

    private static TestApp Fresh(DatabaseProvider provider, string environment, bool demo, IReadOnlyList<IModule>? modules = null)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"ammeindsats-test-{Guid.NewGuid():N}.db");
            return new TestApp(provider, $"Data Source={file}", null, environment, demo, modules) { _sqliteFile = file };
        }

        var name = $"ammeindsats_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            create.ExecuteNonQuery();
        }

        var cs = new NpgsqlConnectionStringBuilder(PostgresServer.AdminConnectionString) { Database = name, Pooling = true }.ToString();
        return new TestApp(provider, cs, name, environment, demo, modules);
    }

    /// <summary>
    /// A second start of the app on this app's database, as after a restart or on a second node. The database
    /// stays this app's: it is dropped when this app is disposed, not the restarted one.
    /// </summary>
    public TestApp Restarted() => new(Provider, _connectionString, null, _environment, _demo, _modules);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        CopyTemplateIfUntouched();
        builder.UseEnvironment(_environment);
        if (_demo)
        {
            builder.UseSetting("Database:SeedDemoOnFirstRun", "true");
        }

        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", _connectionString);
        builder.UseSetting("Logging:Format", "text");
        builder.UseSetting("Security:LoginRequestsPerMinute", "10000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorRecorder()));
        builder.ConfigureServices(services =>
        {
            foreach (var module in _modules)
            {
                services.AddModule(module);
            }
        });
    }

    /// <summary>
    /// The last errors any test app logged, newest last, so that a test that meets an unexpected 500 can say why.
    /// </summary>
    public static string RecentErrors() => string.Join("\n---\n", ErrorRecorder.Recent);

    /// <summary>Keeps the last few error-level log entries of every test app.</summary>
    private sealed class ErrorRecorder : ILoggerProvider
    {
        private static readonly ConcurrentQueue<string> Errors = new();

        public static IEnumerable<string> Recent => Errors.ToArray();

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                Errors.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}\n{exception}");
                while (Errors.Count > 5 && Errors.TryDequeue(out _))
                {
                }
            }
        }
    }

    public HttpClient NewClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public AmmeindsatsDbContext NewDbContext()
    {
        var scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
    }

    /// <summary>Logs in through the real login form, antiforgery token and all.</summary>
    public async Task<HttpClient> LoginAsync(string email, string password = "Amning-Demo-2026")
    {
        var client = NewClient();
        var page = await client.GetStringAsync("/konto/log-ind");
        var token = AntiforgeryToken(page);
        var response = await client.PostAsync("/konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            TryDelete(_sqliteFile);
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(PostgresServer.AdminConnectionString);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Where the PostgreSQL tests find their server, and whether they may be skipped.</summary>
public static class PostgresServer
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("AMMEINDSATS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres;Timeout=30";

    // Three tries: a busy machine can be slow to accept the first connection.
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        string? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using var c = new NpgsqlConnection(AdminConnectionString);
                c.Open();
                return null;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                last = ex.Message;
                Thread.Sleep(1000);
            }
        }

        return last;
    });

    public static bool RequireAll => Environment.GetEnvironmentVariable("AMMEINDSATS_REQUIRE_ALL") == "1";

    /// <summary>Why the PostgreSQL tests will be skipped, or null when they run.</summary>
    public static string? SkipReason =>
        Unavailable.Value is null || RequireAll
            ? null
            : $"PostgreSQL tests skipped: no server at 127.0.0.1 ({Unavailable.Value}). Set AMMEINDSATS_TEST_POSTGRES or start PostgreSQL.";

    /// <summary>Skips the test with a clear reason when there is no server, unless AMMEINDSATS_REQUIRE_ALL=1.</summary>
    public static void SkipIfUnavailable()
    {
        if (Unavailable.Value is null)
        {
            return;
        }

        if (RequireAll)
        {
            throw new InvalidOperationException($"PostgreSQL is required (AMMEINDSATS_REQUIRE_ALL=1) but not reachable: {Unavailable.Value}");
        }

        Skip.If(true, SkipReason);
    }
}

/// <summary>One app per provider, shared by the tests of the "web" collection.</summary>
public sealed class TestApps : IDisposable
{
    private readonly Dictionary<DatabaseProvider, TestApp> _apps = [];
    private readonly Lock _lock = new();

    /// <summary>
    /// Says once, in the test run's own output at its default verbosity, why the PostgreSQL tests are skipped:
    /// a skipped test's reason is otherwise only shown at a detailed verbosity.
    /// </summary>
    public TestApps(Xunit.Abstractions.IMessageSink diagnostics)
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage(reason));
        }
    }

    public TestApp Get(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        lock (_lock)
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = TestApp.Create(provider);
                _ = app.Server; // start now: migrations and seed
                _apps[provider] = app;
            }

            return app;
        }
    }

    public void Dispose()
    {
        foreach (var app in _apps.Values)
        {
            app.Dispose();
        }
    }
}

// The tests that share an app run in one collection per module, each on its own copies of the template databases,
// so that modules' tests run side by side and a new module's tests add a collection rather than length to one.
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<TestApps>
{
    public const string Name = "web";
}

[CollectionDefinition(Name)]
public sealed class AdministrationCollection : ICollectionFixture<TestApps>
{
    public const string Name = "web-administration";
}

[CollectionDefinition(Name)]
public sealed class IndicatorsCollection : ICollectionFixture<TestApps>
{
    public const string Name = "web-indicators";
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<TestApps>
{
    public const string Name = "web-security";
}

/// <summary>The same test runs on SQLite and on PostgreSQL.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}

public static class DemoUsers
{
    public const string Administrator = "admin@demo.ammeindsats.dk";
    public const string Secretariat = "sekretariat@demo.ammeindsats.dk";
    public const string Network = "netvaerk@demo.ammeindsats.dk";
    public const string Reporter = "indberetter@demo.ammeindsats.dk";
    public const string Reader = "laeser@demo.ammeindsats.dk";
}
