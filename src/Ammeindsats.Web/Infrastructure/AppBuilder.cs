using System.Globalization;
using System.Threading.RateLimiting;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Ammeindsats.Data.Audit;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Infrastructure.Modules;
using Ammeindsats.Web.Infrastructure.Platform;
using Ammeindsats.Web.Infrastructure.Security;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Infrastructure;

public enum AppMode
{
    Serve,
    CommandLine,
}

/// <summary>Builds the one application used by the web server, the command line and the tests.</summary>
public static class AppBuilder
{
    public static readonly CultureInfo[] Cultures = [new("da-DK"), new("en-GB")];

    public static WebApplication Build(string[] args, AppMode mode)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(AppBuilder).Assembly.GetName().Name });
        ConfigureLogging(builder, mode);
        AddServices(builder, mode);
        var app = builder.Build();
        if (mode == AppMode.Serve)
        {
            ConfigurePipeline(app);
        }

        return app;
    }

    /// <summary>
    /// A lean host for a verb that declares its own services (the import verb): configuration, logging, the
    /// database context, the command-line audit context and the verb's services only. No Razor Pages, Identity, authentication, OpenAPI or data protection, so
    /// a million-row import starts faster and peaks lower than with the whole web app. Configuration is read
    /// from the same sources as the web app (appsettings, user secrets in Development, DOTNET_ and ASPNETCORE_
    /// environment variables, the arguments).
    /// </summary>
    public static IHost BuildLeanHost(string[] args, Action<IServiceCollection> addServices)
    {
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ApplicationName = typeof(AppBuilder).Assembly.GetName().Name,
            Configuration = configuration,
        });
        builder.Logging.ClearProviders();
        AddCommandLineLogging(builder.Logging);

        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<DatabaseOptions>().Bind(config.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        AddDatabase(services, config, builder.Environment.ContentRootPath);
        services.AddSingleton<CommandLineActor>();
        services.AddScoped<IAuditContext>(sp => sp.GetRequiredService<CommandLineActor>().Context);
        addServices(services);
        return builder.Build();
    }

    private static void AddCommandLineLogging(ILoggingBuilder logging)
    {
        // stdout belongs to the command's output (an API key on the last line); logs go to stderr.
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration config, string contentRootPath)
    {
        var database = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = DatabaseSetup.ResolveConnectionString(database.Provider, config.GetConnectionString("Default"), contentRootPath);
        services.AddDbContext<AmmeindsatsDbContext>(o => DatabaseSetup.Configure(o, database.Provider, connectionString));
        services.AddSingleton(new DatabaseConnection(database.Provider, connectionString));
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, AppMode mode)
    {
        builder.Logging.ClearProviders();
        if (mode == AppMode.CommandLine)
        {
            AddCommandLineLogging(builder.Logging);
        }
        else if (builder.Environment.IsDevelopment() || builder.Configuration.GetValue<string>("Logging:Format") == "text")
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }
    }

    private static void AddServices(WebApplicationBuilder builder, AppMode mode)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddOptions<DatabaseOptions>().Bind(config.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(config.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(config.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OpenIdConnectSettings>().Bind(config.GetSection(OpenIdConnectSettings.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddMemoryCache(o => o.SizeLimit = 2_000_000);

        AddDatabase(services, config, builder.Environment.ContentRootPath);

        if (mode == AppMode.CommandLine)
        {
            services.AddSingleton<CommandLineActor>();
            services.AddScoped<IAuditContext>(sp => sp.GetRequiredService<CommandLineActor>().Context);
        }
        else
        {
            services.AddScoped<IAuditContext, HttpAuditContext>();
        }

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<AmmeindsatsDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<DanishIdentityErrorDescriber>()
            .AddPasswordValidator<Features.Accounts.CommonPasswordValidator>();
        services.AddScoped<IUserClaimsPrincipalFactory<AppUser>, GrantClaimsPrincipalFactory>();
        services.AddSingleton<Features.Accounts.LoginThrottle>();

        // The security stamp is checked on every request, so logging out, a new password or disabling a user
        // ends every session of that user at once, and a copied cookie stops working.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        authentication.AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/konto/log-ind";
                o.LogoutPath = "/konto/log-ud";
                o.Cookie.Name = "ammeindsats.auth";
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // A foreign area answers 403, not a redirect to a login page the user is already past.
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/api"))
                    {
                        return Auth.ApiProblems.ForbiddenAsync(ctx.HttpContext);
                    }

                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToLogin = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/api"))
                    {
                        return Auth.ApiProblems.UnauthorizedAsync(ctx.HttpContext);
                    }
                    else
                    {
                        ctx.Response.Redirect(ctx.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
            });
        });
        var oidc = config.GetSection(OpenIdConnectSettings.Section).Get<OpenIdConnectSettings>() ?? new OpenIdConnectSettings();
        if (oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc.DisplayName, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Scope.Add("email");
                o.CallbackPath = "/konto/oidc-callback";
            });
        }

        services.AddAuthorization(Policies.Configure);
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, RoleRequirementHandler>();
        services.AddScoped<CurrentAccess>();
        services.AddScoped<ApiKeyService>();

        services.AddDataProtection()
            .SetApplicationName("Ammeindsats")
            .PersistKeysToDbContext<AmmeindsatsDbContext>();
        // The keys are as safe as the database that holds them (the installation's own, behind its credentials), so
        // the start-up warning that they are stored without an extra XML encryptor says nothing an operator can act on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/Administration", Policies.Administrator);
                o.Conventions.AuthorizeFolder("/Accounts/Manage", Policies.SignedIn);
            })
            .AddMvcOptions(o => o.Filters.Add<AreaScopeFilter>())
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ammeindsats.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        // Danish letters are written as they are, not as &#xF8; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => OpenApiEnums.Add(o).AddDocumentTransformer((document, _, _) =>
        {
            // The API key a caller sends as "Authorization: Bearer <key>"; published figures need none.
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "En API-nøgle fra Min konto → API-nøgler eller kommandoen 'api-keys create'. Offentliggjorte tal kræver ingen nøgle; med en nøgle ser man desuden sine egne områders arbejdstal.",
            };
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never;
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the login page (where unknown and protected pages lead) costs nothing.
            o.AddPolicy(RateLimits.Login, ctx => !HttpMethods.IsPost(ctx.Request.Method) ? RateLimitPartition.GetNoLimiter("page") : RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Security:LoginRequestsPerMinute", 30), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.Configure<ForwardedHeadersOptions>(o => TransportSecurity.ConfigureForwardedHeaders(o, config));
        services.PostConfigure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => TransportSecurity.AllowPublicHost(o, config));
        if (TransportSecurity.HttpsPort(config) is { } httpsPort)
        {
            services.AddHttpsRedirection(o => o.HttpsPort = httpsPort);
        }

        services.AddPlatform(mode);
        services.AddSeeding();
        Features.FeatureRegistration.AddFeatures(services);
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        // Forwarded headers only from the proxies configured in Security:KnownProxies; none are trusted by default.
        if (TransportSecurity.TrustsProxies(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/fejl");
            app.UseHsts();
            if (TransportSecurity.HttpsPort(app.Configuration) is not null)
            {
                app.UseHttpsRedirection();
            }
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/fejl/{0}");
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        // After authentication, whose remote handlers (the OpenID Connect callback) answer paths with no endpoint.
        app.UseMiddleware<UnknownPathMiddleware>();
        app.UseAuthorization();
        // The modules' middleware (the published figures' cache), after authentication, which tells who asks.
        app.UseModules();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        Features.FeatureRegistration.MapFeatures(app);
    }
}
