using LeadDesk.Store;
using LeadDesk.Store.Voicemail;

namespace LeadDesk.Store.Tests.Voicemail;

/// <summary>The journal of messages being recorded, on a store two Asterisks share.</summary>
public abstract class VoicemailJournalTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : VoicemailJournalTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : VoicemailJournalTests(StoreProvider.Postgres);

    private static MessageInProgress Message(string name) => new(
        name, "chan-" + name, "alice", "Alice Agent", "alice@example.com", "+358451112233", null, "+358401234567",
        new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Each_asterisk_lists_only_the_messages_in_its_own_spool()
    {
        using var t = NewStore();
        var first = new VoicemailJournal(t.Store, "http://asterisk-a:8088");
        var second = new VoicemailJournal(t.Store, "http://asterisk-b:8088");
        await first.BeginAsync(Message("vm-a"), Seed.Ct);
        await second.BeginAsync(Message("vm-b"), Seed.Ct);

        Assert.Equal(["vm-a"], (await first.ListAsync(Seed.Ct)).Select(m => m.RecordingName));
        Assert.Equal(["vm-b"], (await second.ListAsync(Seed.Ct)).Select(m => m.RecordingName));

        await first.FinishAsync("vm-a", Seed.Ct);
        Assert.Empty(await first.ListAsync(Seed.Ct));
        Assert.Single(await second.ListAsync(Seed.Ct));
    }
}
