namespace Akka.Collector.Vendors.Alpaca;

/// <summary>
/// How the collector reaches Alpaca's market data v2 API, bindable from configuration. The
/// keys come from the environment or a secrets file; they travel only as request headers
/// and <see cref="ToString"/> never shows them.
/// </summary>
public sealed class AlpacaOptions
{
    public const int DefaultMaxSymbolsPerRequest = 100;

    public const int DefaultMaxPages = 1000;

    /// <summary>The market data host. Default: https://data.alpaca.markets/.</summary>
    public Uri BaseAddress { get; set; } = new("https://data.alpaca.markets/");

    /// <summary>Sent as APCA-API-KEY-ID. Required; default: empty.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>Sent as APCA-API-SECRET-KEY. Required; default: empty.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>
    /// "iex" (the free plan's feed) or "sip" (all exchanges; needs a subscription for data
    /// newer than 15 minutes, else the vendor answers 403). Default: "iex".
    /// </summary>
    public string Feed { get; set; } = "iex";

    /// <summary>"raw", "split", "dividend" or "all". Default: "raw".</summary>
    public string Adjustment { get; set; } = "raw";

    /// <summary>
    /// Symbols one request names. Default: 100. Alpaca documents no cap, but every symbol
    /// lengthens the URL: 100 tickers of up to 10 characters stay near 1 KB, far below the
    /// 8 KB that common gateways and proxies accept. Past the point where a request's bars
    /// fill pages of 10000, a bigger batch saves nothing (the pages are needed anyway); below
    /// it (a scheduled round asks one or two bars per symbol) a bigger batch saves requests,
    /// so a large universe on a tight budget may raise this to a few hundred.
    /// </summary>
    public int MaxSymbolsPerRequest { get; set; } = DefaultMaxSymbolsPerRequest;

    /// <summary>
    /// Pages one request may run to before the reply is called malformed. Default: 1000
    /// (ten million bars); a vendor that keeps handing out new tokens past that is looping
    /// in a way token repetition alone would not catch.
    /// </summary>
    public int MaxPages { get; set; } = DefaultMaxPages;

    // Options get logged at start; the keys must not be.
    public override string ToString() =>
        $"alpaca {BaseAddress} feed={Feed} adjustment={Adjustment} " +
        $"batch={MaxSymbolsPerRequest} maxPages={MaxPages} " +
        $"keyId={(KeyId.Length > 0 ? "set" : "missing")} " +
        $"secretKey={(SecretKey.Length > 0 ? "set" : "missing")}";
}
