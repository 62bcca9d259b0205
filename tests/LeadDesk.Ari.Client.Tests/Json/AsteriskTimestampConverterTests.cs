using System.Text.Json;
using LeadDesk.Ari.Client.Json;

namespace LeadDesk.Ari.Client.Tests.Json;

public sealed class AsteriskTimestampConverterTests
{
    [Theory]
    [InlineData("2026-11-23T20:08:46.671+0000", 0)]
    [InlineData("2026-11-23T22:08:46.671+0200", 120)]
    [InlineData("2026-11-23T15:38:46.671-0430", -270)]
    public void Reads_offsets_without_a_colon(string text, int offsetMinutes)
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>($"\"{text}\"", AriJson.Options);

        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 20, 8, 46, 671, TimeSpan.Zero), value.ToUniversalTime());
    }

    [Fact]
    public void Writes_asterisk_format_back()
    {
        var value = new DateTimeOffset(2026, 11, 23, 20, 8, 46, 671, TimeSpan.FromHours(2));

        // Compare the string value, not the JSON text: the default encoder escapes "+" as \u002B.
        Assert.Equal("2026-11-23T20:08:46.671+0200", JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, AriJson.Options)));
    }

    [Fact]
    public void Rejects_garbage()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>("\"yesterday\"", AriJson.Options));
    }
}
