using System.Globalization;
using System.Text;

namespace Ammeindsats.Benchmarks;

/// <summary>
/// Writes a child-level file shaped like a national extract: births 2015–2024, about 5 % of the rows
/// an older record of a child that also has a newer one, about 10 % without parity, a few rows
/// without municipality or birth site, and a mix of date forms and leading zeros.
/// </summary>
public static class ChildFileGenerator
{
    public const string Header = "child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed";

    public static void Write(TextWriter writer, int rows, int seed = 2024)
    {
        var random = new Random(seed);
        var firstBirth = new DateOnly(2015, 1, 1);
        int birthDays = new DateOnly(2024, 12, 31).DayNumber - firstBirth.DayNumber + 1;
        // Older records go a while later in the file, as when extracts are appended to each other.
        var later = new Queue<string>();
        var line = new StringBuilder(96);

        writer.Write(Header);
        writer.Write('\n');
        int written = 0;
        for (ulong child = 0; written < rows; child++)
        {
            // Multiplying by an odd number is a bijection modulo 2^44: distinct, random-looking ids.
            ulong pseudonym = unchecked(child * 0x9E3779B97F4A7C15UL) & ((1UL << 44) - 1);
            string id = "c" + pseudonym.ToString("x11", CultureInfo.InvariantCulture);
            var birth = firstBirth.AddDays(random.Next(birthDays));
            int age = random.Next(14, 366);
            int duration = random.NextDouble() < 0.08 ? 0 : Math.Min(365, (int)(-120 * Math.Log(1 - random.NextDouble())));
            string municipality = random.NextDouble() < 0.015 ? ""
                : ReferenceCodes.Municipalities[random.Next(ReferenceCodes.Municipalities.Length)];
            if (municipality.Length > 0 && random.NextDouble() < 0.03)
            {
                municipality = "0" + municipality;
            }

            string site = random.NextDouble() < 0.04 ? "" : ReferenceCodes.BirthSites[random.Next(ReferenceCodes.BirthSites.Length)];
            double p = random.NextDouble();
            string parity = p < 0.10 ? "" : p < 0.49 ? "1" : p < 0.82 ? "2" : p < 0.95 ? "3" : "4";

            writer.Write(Row(line, random, id, birth, age, duration, municipality, site, parity));
            written++;

            if (written < rows && random.NextDouble() < 0.0526 && age > 20)
            {
                later.Enqueue(Row(line, random, id, birth, random.Next(7, age), duration, municipality, site, parity));
                written++;
            }

            if (later.Count > 2000 || (written >= rows && later.Count > 0))
            {
                while (later.Count > 0)
                {
                    writer.Write(later.Dequeue());
                }
            }
        }
    }

    private static string Row(StringBuilder line, Random random, string id, DateOnly birth, int age, int duration,
        string municipality, string site, string parity)
    {
        bool still = duration >= age;
        var recordDate = birth.AddDays(age);
        bool dayFirst = random.NextDouble() < 0.05;
        line.Clear()
            .Append(id).Append(',')
            .Append(Date(recordDate, dayFirst)).Append(',')
            .Append(Date(birth, dayFirst)).Append(',')
            .Append(municipality).Append(',')
            .Append(site).Append(',')
            .Append(parity).Append(',')
            .Append(still ? age : duration).Append(',')
            .Append(random.NextDouble() < 0.02 ? (still ? "ja" : "nej") : (still ? "true" : "false"))
            .Append('\n');
        return line.ToString();
    }

    private static string Date(DateOnly date, bool dayFirst) =>
        date.ToString(dayFirst ? "dd-MM-yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
