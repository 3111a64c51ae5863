using Akka.Collector.Domain.Symbols;

namespace Akka.Collector.Domain.Tests;

public sealed class SymbolTests
{
    [Theory]
    [InlineData("AAPL", "AAPL")]
    [InlineData("A", "A")]
    [InlineData("brk.b", "BRK.B")]
    [InlineData("Brk.B", "BRK.B")]
    [InlineData("BF-B", "BF-B")]
    [InlineData("bf-b", "BF-B")]
    [InlineData("A1", "A1")]
    [InlineData("ABCDEFGHIJ", "ABCDEFGHIJ")]
    [InlineData("  msft\t", "MSFT")]
    public void Should_accept_a_valid_ticker_and_normalise_it_to_upper_case(
        string text, string expected)
    {
        // act
        var ok = Symbol.TryParse(text, out var symbol, out var error);

        // assert
        Assert.True(ok, error);
        Assert.Equal(expected, symbol.Value);
        Assert.Equal(expected, symbol.ToString());
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Should_give_equal_symbols_for_spellings_that_differ_only_in_case()
    {
        // act
        var lower = Symbol.Parse("brk.b");
        var upper = Symbol.Parse("BRK.B");

        // assert
        Assert.Equal(upper, lower);
        Assert.Equal(upper.GetHashCode(), lower.GetHashCode());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Should_reject_an_empty_symbol_saying_it_is_empty(string? text)
    {
        // act
        var ok = Symbol.TryParse(text, out var symbol, out var error);

        // assert
        Assert.False(ok);
        Assert.Equal(default, symbol);
        Assert.Equal("symbol is empty", error);
    }

    [Fact]
    public void Should_reject_a_symbol_longer_than_ten_characters_naming_the_limit()
    {
        // act
        var ok = Symbol.TryParse("ABCDEFGHIJK", out _, out var error);

        // assert
        Assert.False(ok);
        Assert.Contains("longer than 10 characters", error);
        Assert.Contains("ABCDEFGHIJK", error);
    }

    [Theory]
    [InlineData("1ABC")]
    [InlineData("9")]
    [InlineData(".A")]
    [InlineData("-A")]
    [InlineData("ÄAPL")]
    [InlineData("ＡAPL")]
    [InlineData("ſpy")]
    public void Should_reject_a_symbol_that_does_not_start_with_a_latin_letter(string text)
    {
        // act
        var ok = Symbol.TryParse(text, out _, out var error);

        // assert
        Assert.False(ok);
        Assert.Contains("must start with a letter", error);
    }

    [Theory]
    [InlineData("AAPL;DROP")]
    [InlineData("BRK B")]
    [InlineData("BRK\tB")]
    [InlineData("A/B")]
    [InlineData("A_B")]
    [InlineData("A'B")]
    [InlineData("A\"B")]
    [InlineData("A\0B")]
    [InlineData("A$")]
    [InlineData("AAPÉ")]
    [InlineData("AAPĽ")]
    [InlineData("AAPI\u0307")]
    [InlineData("AＡＰＬ")]
    [InlineData("aapı")]
    [InlineData("AAP\u212A")]
    [InlineData("AB\uD83D\uDE00")]
    public void Should_reject_a_character_other_than_letter_digit_dot_or_dash(string text)
    {
        // act
        var ok = Symbol.TryParse(text, out var symbol, out var error);

        // assert
        Assert.False(ok);
        Assert.Equal(default, symbol);
        Assert.Contains("may hold only letters, digits, '.' and '-'", error);
    }

    [Theory]
    [InlineData("AAPL.", '.')]
    [InlineData("BRK-", '-')]
    [InlineData("brk.b.", '.')]
    [InlineData("A-", '-')]
    [InlineData("A.B-", '-')]
    public void Should_reject_a_symbol_ending_in_a_dot_or_dash_naming_the_mark(
        string text, char mark)
    {
        // act
        var ok = Symbol.TryParse(text, out var symbol, out var error);

        // assert
        Assert.False(ok);
        Assert.Equal(default, symbol);
        Assert.Contains($"must not end with '{mark}'", error);
        Assert.Contains($"'{text.Trim()}'", error);
    }

    [Theory]
    [InlineData("A..B", "..")]
    [InlineData("A--B", "--")]
    [InlineData("A.-B", ".-")]
    [InlineData("BRK-.B", "-.")]
    [InlineData("a..b", "..")]
    public void Should_reject_two_punctuation_marks_in_a_row_naming_them(
        string text, string marks)
    {
        // act
        var ok = Symbol.TryParse(text, out var symbol, out var error);

        // assert
        Assert.False(ok);
        Assert.Equal(default, symbol);
        Assert.Contains($"two punctuation marks in a row ('{marks}')", error);
    }

    [Theory]
    [InlineData("A.B.C", "A.B.C")]
    [InlineData("A-B-C", "A-B-C")]
    [InlineData("BRK.B", "BRK.B")]
    [InlineData("A.1", "A.1")]
    public void Should_accept_marks_that_each_sit_between_letters_or_digits(
        string text, string expected)
    {
        // act
        var ok = Symbol.TryParse(text, out var symbol, out var error);

        // assert
        Assert.True(ok, error);
        Assert.Equal(expected, symbol.Value);
    }

    [Fact]
    public void Should_say_the_symbol_must_start_with_a_letter_before_judging_its_marks()
    {
        // act: ".A." breaks both rules; the first one it breaks is named
        var ok = Symbol.TryParse(".A.", out _, out var error);

        // assert
        Assert.False(ok);
        Assert.Contains("must start with a letter", error);
    }

    [Fact]
    public void Should_echo_only_a_short_prefix_of_a_long_hostile_input()
    {
        // arrange
        var hostile = "A" + new string('X', 5000);

        // act
        var ok = Symbol.TryParse(hostile, out _, out var error);

        // assert
        Assert.False(ok);
        Assert.Contains("'AXXXXXXXXXXXXXXX...'", error);
        Assert.True(error.Length < 100, error);
    }

    [Fact]
    public void Should_throw_a_format_exception_carrying_the_reason_when_parse_fails()
    {
        // act
        var e = Assert.Throws<FormatException>(() => Symbol.Parse("AAPL;DROP"));

        // assert
        Assert.Contains("'AAPL;DROP'", e.Message);
        Assert.Contains("may hold only letters", e.Message);
    }

    [Fact]
    public void Should_render_a_default_symbol_as_an_empty_string()
    {
        // arrange
        var symbol = default(Symbol);

        // act
        var text = symbol.ToString();

        // assert
        Assert.Equal(string.Empty, text);
    }
}
