using Akka.Collector.Domain.Intervals;
using Akka.Collector.MockVendor.Faults;
using Akka.Collector.Vendors.Alpaca;
using Akka.Collector.Vendors.Tests.Support;

namespace Akka.Collector.Vendors.Tests.Alpaca;

/// <summary>Keys go out as headers and nowhere else: not in URLs, messages, options text.</summary>
public sealed class AlpacaSecretsTests
{
    private static readonly BarRequest Request = AlpacaHarness.Request(["AAPL", "MSFT"],
        BarInterval.M1, Clocks.Et(2026, 12, 4, 0, 0), Clocks.Et(2026, 12, 5, 0, 0));

    public static TheoryData<string> Failures =>
        ["401", "403", "429", "503", "hang", "truncated", "wrong types", "page loop"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task No_failure_shows_a_key_in_its_message_or_its_causes(string failure)
    {
        // arrange
        await using var h = await AlpacaHarness.StartAsync();
        h.Faults.RetryAfterSeconds = 0;
        var client = Arrange(h, failure);

        // act
        var error = await Assert.ThrowsAsync<BarSourceException>(
            () => client.FetchAsync(Request, CancellationToken.None));

        // assert: ToString holds the message, the inner exceptions and their messages
        Assert.DoesNotContain(AlpacaHarness.KeyId, error.ToString());
        Assert.DoesNotContain(AlpacaHarness.SecretKey, error.ToString());
        Assert.All(h.Capture.Sent, s => Assert.DoesNotContain(AlpacaHarness.SecretKey,
            s.Uri.ToString()));
    }

    [Fact]
    public void Options_text_says_whether_keys_are_set_but_not_what_they_are()
    {
        var options = new AlpacaOptions
        {
            KeyId = AlpacaHarness.KeyId,
            SecretKey = AlpacaHarness.SecretKey,
        };

        var text = options.ToString();

        Assert.Contains("keyId=set", text);
        Assert.DoesNotContain(AlpacaHarness.KeyId, text);
        Assert.DoesNotContain(AlpacaHarness.SecretKey, text);
    }

    [Theory]
    [InlineData("", "secret", "KeyId")]
    [InlineData("key", " ", "SecretKey")]
    public void A_missing_key_stops_the_client_from_being_built_naming_it(
        string keyId, string secret, string named)
    {
        var options = new AlpacaOptions { KeyId = keyId, SecretKey = secret };

        var error = Assert.Throws<ArgumentException>(() => new AlpacaBarSource(new HttpClient(),
            options, Calendars.Grid(), TimeProvider.System, AlpacaHarness.Fast));

        Assert.Contains(named, error.Message);
    }

    private static AlpacaBarSource Arrange(AlpacaHarness h, string failure)
    {
        switch (failure)
        {
            case "401":
                return h.Client(o => o.KeyId = "PKWRONGKEY");
            case "403":
                h.Faults.Forbidden(1);
                break;
            case "429":
                h.Faults.TooManyRequests(10);
                break;
            case "503":
                h.Faults.ServerErrors(10);
                break;
            case "hang":
                h.Faults.Hangs(10);
                return h.Client(resilience: AlpacaHarness.Fast with
                {
                    MaxRetries = 1,
                    AttemptTimeout = TimeSpan.FromMilliseconds(200),
                });
            case "truncated":
                h.Faults.MalformedReplies(1, MalformedKind.TruncatedJson);
                break;
            case "wrong types":
                h.Faults.MalformedReplies(1, MalformedKind.WrongTypes);
                break;
            case "page loop":
                h.Faults.MalformedReplies(1, MalformedKind.PageLoop);
                break;
        }

        return h.Client();
    }
}
