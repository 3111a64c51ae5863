namespace Akka.Collector.Vendors.Alpaca;

/// <summary>One fetch's bars, what had to be repaired to get them, and the pages it took.</summary>
/// <param name="Pages">Successful replies read (retried attempts are not counted).</param>
public sealed record AlpacaFetch(BarBatch Batch, ReplyIssues Issues, int Pages);
