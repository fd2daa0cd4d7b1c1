using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Data;
using Ammeindsats.Data.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Cli;

/// <summary>users add | list | disable.</summary>
public static class UserCommands
{
    public static async Task<int> RunAsync(IServiceProvider services, CommandArgs args)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        return args.PositionalAt(0, "underkommando (add, list eller disable)") switch
        {
            "add" => await AddAsync(sp, args),
            "list" => await ListAsync(sp, args),
            "disable" => await DisableAsync(sp, args),
            var other => throw new InvalidInputException($"Ukendt underkommando 'users {other}'. Brug add, list eller disable."),
        };
    }

    private static async Task<int> AddAsync(IServiceProvider sp, CommandArgs args)
    {
        var email = args.Required("email").Trim();
        var roleToken = args.Required("role");
        var areas = args.All("area").Select(AreaCode.Normalize).Distinct().ToList();
        var password = args.Option("password");
        args.EnsureNoUnknownOptions();
        password ??= ReadPassword();

        if (!Roles.TryParse(roleToken, out var role))
        {
            throw new InvalidInputException($"Ukendt rolle '{roleToken}'. Brug en af: {string.Join(", ", Roles.All.Select(r => r.Token()))}.");
        }

        var db = sp.GetRequiredService<AmmeindsatsDbContext>();
        var known = await db.Areas.Where(a => areas.Contains(a.Code)).Select(a => a.Code).ToListAsync();
        var unknown = areas.Except(known).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException($"Ukendt område: {string.Join(", ", unknown)}.");
        }

        if (areas.Count == 0 && role is Role.Secretariat or Role.Network or Role.Reporter)
        {
            throw new InvalidInputException($"Rollen {role.Token()} kræver mindst ét --area.");
        }

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow() };
            var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidInputException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
        else if (password is not null)
        {
            // Check the new password before the old one is removed, so a refused password leaves the login working.
            var problems = new List<IdentityError>();
            foreach (var validator in users.PasswordValidators)
            {
                problems.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
            }

            if (problems.Count > 0)
            {
                throw new InvalidInputException(string.Join(" ", problems.Select(e => e.Description)));
            }

            await users.RemovePasswordAsync(user);
            var result = await users.AddPasswordAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidInputException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        var existing = await db.UserGrants.Where(g => g.UserId == user.Id && g.Role == role).Select(g => g.AreaCode).ToListAsync();
        foreach (var area in areas.Count == 0 ? [null] : areas.Cast<string?>())
        {
            if (!existing.Contains(area))
            {
                db.UserGrants.Add(new UserGrant { UserId = user.Id, Role = role, AreaCode = area });
            }
        }

        await db.SaveChangesAsync();
        await Console.Error.WriteLineAsync($"Brugeren {email} har rollen {role.Token()}{(areas.Count > 0 ? " for " + string.Join(", ", areas) : string.Empty)}.");
        return ExitCodes.Done;
    }

    /// <summary>
    /// Without --password (which other users can see in the process list), the password is read from standard
    /// input: the first line of a pipe or file, or typed at a prompt without being shown. Nothing (an empty line,
    /// an empty or closed input) means no password, as before: the user then logs in through an invitation link
    /// or single sign-on.
    /// </summary>
    private static string? ReadPassword()
    {
        string? line;
        if (Console.IsInputRedirected)
        {
            line = Console.In.ReadLine();
        }
        else
        {
            Console.Error.Write("Adgangskode (tom for ingen; vises ikke): ");
            var typed = new System.Text.StringBuilder();
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    break;
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    typed.Length = Math.Max(typed.Length - 1, 0);
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }

            Console.Error.WriteLine();
            line = typed.ToString();
        }

        line = line?.TrimEnd('\r', '\n');
        return string.IsNullOrEmpty(line) ? null : line;
    }

    private static async Task<int> ListAsync(IServiceProvider sp, CommandArgs args)
    {
        args.EnsureNoUnknownOptions();
        var db = sp.GetRequiredService<AmmeindsatsDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var grants = await db.UserGrants.AsNoTracking().ToListAsync();
        Console.WriteLine("email\tstatus\tgrants");
        foreach (var user in users)
        {
            var text = string.Join(" ", grants.Where(g => g.UserId == user.Id).OrderBy(g => g.Role).Select(g => g.AreaCode is null ? g.Role.Token() : $"{g.Role.Token()}:{g.AreaCode}"));
            Console.WriteLine($"{user.Email}\t{(user.Disabled ? "disabled" : "active")}\t{text}");
        }

        return ExitCodes.Done;
    }

    private static async Task<int> DisableAsync(IServiceProvider sp, CommandArgs args)
    {
        var email = args.Required("email");
        args.EnsureNoUnknownOptions();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidInputException($"Der findes ingen bruger med e-mailen {email}.");
        user.Disabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await Console.Error.WriteLineAsync($"Brugeren {email} er deaktiveret.");
        return ExitCodes.Done;
    }
}
