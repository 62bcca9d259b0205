using LeadDesk.Store;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Tests.Numbers;

public class NumberCsvReaderTests
{
    [Fact]
    public void Reads_quoted_fields_and_ownership_forms()
    {
        var rows = NumberCsvReader.Read(new StringReader(
            "number,label,owned\n+358401234567,\"Sales, \"\"north\"\"\",yes\n0401234568,,0\n0401234569,plain,\n"));
        Assert.Equal(3, rows.Count);
        Assert.Equal("Sales, \"north\"", rows[0].Label);
        Assert.True(rows[0].Owned);
        Assert.False(rows[1].Owned);
        Assert.Null(rows[2].Owned); // empty: an existing number keeps its ownership, a new one is owned
        Assert.Equal(3, rows[1].Entry.Line);
    }

    [Theory]
    [InlineData("number,label,owned\n+358401234567,\"broken,yes\n", "Line 2")]
    [InlineData("number,label,owned\n+358401234567,a\"b,yes\n", "Line 2")]
    [InlineData("number,label,owned\n+358401234567,ok,yes\n+358401234568,\"x\"y,yes\n", "Line 3")]
    [InlineData("number,label,owned\n+358401234567,ok,maybe\n", "Line 2")]
    [InlineData("phone,label\n", "Line 1")]
    public void Broken_files_are_refused_naming_the_line(string csv, string line)
    {
        var e = Assert.Throws<RoutingRefusedException>(() => NumberCsvReader.Read(new StringReader(csv)));
        Assert.Contains(line, e.Message);
    }
}
