using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>
/// The Yahoo daily file (<c>Date,Open,High,Low,Close,Adj Close,Volume</c>): an independent
/// source to check the rolled-up minutes of the recorded intraday files against.
/// </summary>
internal static class YahooDaily
{
    public static Dictionary<LocalDate, (decimal Open, decimal High, decimal Low, decimal Close)>
        Load(string path) =>
        File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .ToDictionary(
                f => LocalDatePattern.Iso.Parse(f[0]).Value,
                f => (Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4])));

    private static decimal Number(string text) =>
        decimal.Parse(text, CultureInfo.InvariantCulture);
}
