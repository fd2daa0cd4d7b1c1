using System.Globalization;
using Ammeindsats.Core.Common;

namespace Ammeindsats.Web.Features.Shared;

/// <summary>Points in time as Danish users read them: Danish local time, dd-MM-yyyy HH:mm.</summary>
public static class DanishTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public static string Table(DateTimeOffset at)
    {
        var local = Local(at);
        return DanishFormat.TableDate(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Table(DateTimeOffset? at) => at is null ? string.Empty : Table(at.Value);

    public static DateOnly Date(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    /// <summary>The UTC instant a Danish calendar day starts.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
