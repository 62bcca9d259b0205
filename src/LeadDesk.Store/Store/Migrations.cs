namespace LeadDesk.Store;

/// <summary>
/// The schema as one ordered history for both engines. Step N brings a SQLite file to <c>PRAGMA user_version = N</c>
/// and a PostgreSQL database to <c>schema_version</c> N; a step is never edited once shipped, only followed by a new
/// one, so every existing database can be brought forward. Each step is written for SQLite; where PostgreSQL needs
/// other DDL than <see cref="MigrationStep.Portable"/>'s type mapping, the step says so beside it.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<MigrationStep> Steps =
    [
        // 1: the routing model the admins edit (numbers, agents, queues, support-made destinations) and its audit.
        Step1(),

        // 2: what the controller writes: one row per call, voicemail waiting to be mailed, recorded greetings.
        MigrationStep.Portable(
        """
        CREATE TABLE call_log (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            channel_id          TEXT NOT NULL,
            started_at          TEXT NOT NULL,
            answered_at         TEXT NULL,
            ended_at            TEXT NULL,
            dialled_number      TEXT NOT NULL,
            caller_number       TEXT NOT NULL,
            caller_name         TEXT NULL,
            route_type          TEXT NULL,
            agent_id            TEXT NULL,
            destination         TEXT NULL,
            outcome             TEXT NULL,
            detail              TEXT NULL,
            total_ms            INTEGER NULL,
            talk_ms             INTEGER NULL
        );

        CREATE INDEX ix_call_log_started ON call_log (started_at);

        CREATE TABLE voicemail_outbox (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id          TEXT NOT NULL UNIQUE,
            agent_id            TEXT NOT NULL,
            to_address          TEXT NOT NULL,
            caller              TEXT NOT NULL,
            dialled             TEXT NOT NULL,
            recorded_at         TEXT NOT NULL,
            duration_ms         INTEGER NOT NULL,
            wav                 BLOB NOT NULL,
            state               TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
            attempts            INTEGER NOT NULL DEFAULT 0,
            next_attempt_at     TEXT NOT NULL,
            last_error          TEXT NULL,
            sent_at             TEXT NULL
        );

        CREATE INDEX ix_voicemail_outbox_due ON voicemail_outbox (state, next_attempt_at);

        CREATE TABLE agent_greetings (
            agent_id            TEXT NOT NULL PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
            recording_name      TEXT NOT NULL,
            wav                 BLOB NOT NULL,
            recorded_at         TEXT NOT NULL
        );
        """),

        // 3: a voicemail mail names the caller and the agent and points back to its call: the facts the outbox
        // row of step 2 had no room for. Nullable so rows written before this step stay valid.
        MigrationStep.Portable(
        """
        ALTER TABLE voicemail_outbox ADD COLUMN caller_name TEXT NULL;
        ALTER TABLE voicemail_outbox ADD COLUMN agent_name TEXT NULL;
        ALTER TABLE voicemail_outbox ADD COLUMN call_id TEXT NULL;
        """),

        // 4: agent ids are case-insensitive (ALICE is alice): ids are stored in lower case from now on, and the
        // ones stored before are lowered here, with every reference to them. Two agents that differed only in case
        // cannot both become one id: the first (by rowid) takes the lower-case id, the others become
        // "<lower-case id>-<rowid>", so nothing is lost and every agent can still be named on the command line.
        // Foreign keys are checked at commit, once parents and children agree again.
        new(
        """
        PRAGMA defer_foreign_keys = ON;

        CREATE TEMP TABLE agent_id_map AS
        SELECT a.id AS old_id,
               CASE WHEN EXISTS (SELECT 1 FROM agents b WHERE lower(b.id) = lower(a.id) AND b.rowid < a.rowid)
                    THEN lower(a.id) || '-' || a.rowid
                    ELSE lower(a.id) END AS new_id
        FROM agents a
        WHERE a.id <> lower(a.id)
           OR EXISTS (SELECT 1 FROM agents b WHERE lower(b.id) = lower(a.id) AND b.rowid < a.rowid);

        UPDATE agents SET id = (SELECT new_id FROM agent_id_map WHERE old_id = agents.id)
        WHERE id IN (SELECT old_id FROM agent_id_map);
        UPDATE agent_emails SET agent_id = (SELECT new_id FROM agent_id_map WHERE old_id = agent_emails.agent_id)
        WHERE agent_id IN (SELECT old_id FROM agent_id_map);
        UPDATE inbound_numbers SET agent_id = (SELECT new_id FROM agent_id_map WHERE old_id = inbound_numbers.agent_id)
        WHERE agent_id IN (SELECT old_id FROM agent_id_map);
        UPDATE agent_greetings SET agent_id = (SELECT new_id FROM agent_id_map WHERE old_id = agent_greetings.agent_id)
        WHERE agent_id IN (SELECT old_id FROM agent_id_map);
        UPDATE call_log SET agent_id = (SELECT new_id FROM agent_id_map WHERE old_id = call_log.agent_id)
        WHERE agent_id IN (SELECT old_id FROM agent_id_map);
        UPDATE voicemail_outbox SET agent_id = (SELECT new_id FROM agent_id_map WHERE old_id = voicemail_outbox.agent_id)
        WHERE agent_id IN (SELECT old_id FROM agent_id_map);

        DROP TABLE agent_id_map;
        """,
            // Ids have been stored in lower case since before PostgreSQL was supported: nothing to lower there.
            Postgres: "SELECT 1"),

        // 5: the outbound half of 2-way VoIP. Campaigns carry a caller ID their agents present; one row of company
        // outbound settings (default caller ID, the regions agents may dial); the call log learns direction, the
        // lead dialled and the caller ID presented, indexed for the callback lookup "the newest answered outbound
        // call to X that presented Y since T".
        MigrationStep.Portable(
        """
        CREATE TABLE campaigns (
            name        TEXT NOT NULL PRIMARY KEY,
            caller_id   TEXT NOT NULL REFERENCES inbound_numbers (number),
            caller_name TEXT NULL,
            created_at  TEXT NOT NULL
        );

        ALTER TABLE agents ADD COLUMN campaign TEXT NULL REFERENCES campaigns (name);
        CREATE INDEX ix_agents_campaign ON agents (campaign) WHERE campaign IS NOT NULL;

        CREATE TABLE outbound_settings (
            id                  INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            default_caller_id   TEXT NULL REFERENCES inbound_numbers (number),
            allowed_regions     TEXT NULL,
            updated_at          TEXT NOT NULL
        );

        ALTER TABLE call_log ADD COLUMN direction TEXT NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound'));
        ALTER TABLE call_log ADD COLUMN lead_number TEXT NULL;
        ALTER TABLE call_log ADD COLUMN caller_id_used TEXT NULL;
        CREATE INDEX ix_call_log_answered_outbound ON call_log (lead_number, caller_id_used, started_at)
            WHERE direction = 'outbound' AND outcome = 'answered';
        CREATE INDEX ix_call_log_direction ON call_log (direction, id);
        """),

        // 6: who may sign in to the web admin, and the index its paged Inbound routes table reads per page: a
        // filter by destination type in number order must not sort 100,000 rows.
        Step6(),

        // 7: voicemail messages being recorded, so that one a controller stop or crash left recording in Asterisk is
        // adopted and mailed by the next start (the facts of the call are not in Asterisk), never lost.
        MigrationStep.Portable(
        """
        CREATE TABLE voicemail_recordings (
            recording_name  TEXT NOT NULL PRIMARY KEY,
            channel_id      TEXT NOT NULL,
            agent_id        TEXT NOT NULL,
            agent_name      TEXT NULL,
            to_address      TEXT NOT NULL,
            caller          TEXT NOT NULL,
            caller_name     TEXT NULL,
            dialled         TEXT NOT NULL,
            recorded_at     TEXT NOT NULL
        );
        """),

        // 8: callback routing. A number may carry a callback window: a call to it from a lead whom an agent's answered
        // outbound call (presenting this number) reached within the window rings that agent first. Null is off; the
        // bounds are the CLI's (an hour to 30 days), kept here too so no other writer can store a window of a year.
        MigrationStep.Portable(
        """
        ALTER TABLE inbound_numbers ADD COLUMN callback_window_seconds INTEGER NULL
            CHECK (callback_window_seconds IS NULL OR callback_window_seconds BETWEEN 3600 AND 2592000);
        """),

        // 9: several controllers share one PostgreSQL store: an agent on a call through one is busy for all. A claim
        // row names the controller holding the agent and expires unless that controller renews it, so a crashed
        // controller's agents come free within the lease; the expiry is the database's clock, never a controller's.
        // With SQLite (one controller) claims stay in memory and the table is unused: it is here so that both
        // engines share one history.
        new(
        """
        CREATE TABLE agent_claims (
            agent_id        TEXT NOT NULL PRIMARY KEY,
            controller_id   TEXT NOT NULL,
            call_id         TEXT NOT NULL,
            expires_at      TEXT NOT NULL
        );
        """,
            Postgres: """
            CREATE TABLE agent_claims (
                agent_id        TEXT NOT NULL PRIMARY KEY,
                controller_id   TEXT NOT NULL,
                call_id         TEXT NOT NULL,
                expires_at      TIMESTAMPTZ NOT NULL
            );

            CREATE INDEX ix_agent_claims_controller ON agent_claims (controller_id);
            """),

        // 10: several controllers work one voicemail outbox and one recording journal. A sender claims the messages it
        // is about to mail (claimed_by/claimed_until), so no two mail one message; a journal row names the Asterisk
        // whose spool holds the recording, so a controller recovers only the messages of its own Asterisk. Rows from
        // before (one controller) have no Asterisk and stay everyone's.
        MigrationStep.Portable(
        """
        ALTER TABLE voicemail_outbox ADD COLUMN claimed_by TEXT NULL;
        ALTER TABLE voicemail_outbox ADD COLUMN claimed_until TEXT NULL;
        ALTER TABLE voicemail_recordings ADD COLUMN asterisk TEXT NULL;
        """),

        // 11: web sessions that can be ended. A session is a row (the SHA-256 of the id its cookie carries): signing
        // out deletes it wherever the cookie was copied, a password change deletes every session of that user. Failed
        // sign-ins are counted per (name tried, client address), known names and unknown ones alike, so an attacker
        // elsewhere cannot lock the admin out and the answers do not tell which names exist. users.failed_attempts and
        // users.locked_until are no longer written.
        MigrationStep.Portable(
        """
        CREATE TABLE web_sessions (
            id_hash         TEXT NOT NULL PRIMARY KEY,
            user_name       TEXT NOT NULL,
            created_at      TEXT NOT NULL,
            seen_at         TEXT NOT NULL
        );

        CREATE INDEX ix_web_sessions_user ON web_sessions (user_name);

        CREATE TABLE sign_in_failures (
            name_key        TEXT NOT NULL,
            address         TEXT NOT NULL,
            failures        INTEGER NOT NULL DEFAULT 0,
            locks           INTEGER NOT NULL DEFAULT 0,
            locked_until    TEXT NULL,
            last_failed_at  TEXT NOT NULL,
            PRIMARY KEY (name_key, address)
        );

        CREATE INDEX ix_sign_in_failures_last ON sign_in_failures (last_failed_at);
        """),

        // 12: a site of several Asterisks behind Kamailio (docs/multi-asterisk.md). sip_phones holds the agents' phone
        // credentials the proxy's auth_db reads (HA1 only: MD5(extension:realm:password); Kamailio's own column names,
        // our table name), with the table version auth_db checks in sip_table_versions (Kamailio's version_table).
        // queue_members: who answers each queue, served to every Asterisk's app_queue by its controller (realtime
        // members), so no queues.conf is edited by hand.
        MigrationStep.Portable(
        """
        CREATE TABLE sip_phones (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            username        TEXT NOT NULL UNIQUE,
            domain          TEXT NOT NULL DEFAULT '',
            password        TEXT NOT NULL DEFAULT '',
            ha1             TEXT NOT NULL,
            ha1b            TEXT NOT NULL DEFAULT '',
            realm           TEXT NOT NULL,
            updated_at      TEXT NOT NULL
        );

        CREATE TABLE sip_table_versions (
            table_name      TEXT NOT NULL PRIMARY KEY,
            table_version   INTEGER NOT NULL
        );

        INSERT INTO sip_table_versions (table_name, table_version) VALUES ('sip_phones', 7);

        CREATE TABLE queue_members (
            queue_name      TEXT NOT NULL REFERENCES queues (name) ON DELETE CASCADE,
            agent_id        TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
            penalty         INTEGER NOT NULL DEFAULT 0 CHECK (penalty BETWEEN 0 AND 1000),
            added_at        TEXT NOT NULL,
            PRIMARY KEY (queue_name, agent_id)
        );

        CREATE INDEX ix_queue_members_agent ON queue_members (agent_id);
        """),

        // 13: the web admin's Call log reads a page of the newest calls by time range, direction, outcome, agent or
        // number (whole, or its leading digits) at a real centre's volume (a million rows): each filter walks its own
        // index in start order and stops at the page's last row instead of sorting every match. The time range alone
        // uses ix_call_log_started of step 2. The direction and outcome indexes are on expressions only the Call log
        // queries (lower(direction), COALESCE(outcome, '')), so the callback lookup on the call path, whose
        // "direction = 'outbound' AND outcome = 'answered'" they would otherwise win, keeps its partial index of step 5.
        MigrationStep.Portable(
        """
        CREATE INDEX ix_call_log_direction_started ON call_log (lower(direction), started_at);
        CREATE INDEX ix_call_log_outcome_started ON call_log (COALESCE(outcome, ''), started_at);
        CREATE INDEX ix_call_log_agent_started ON call_log (agent_id, started_at);
        CREATE INDEX ix_call_log_dialled_started ON call_log (dialled_number, started_at);
        CREATE INDEX ix_call_log_caller_started ON call_log (caller_number, started_at);
        """),
    ];

    // 1: the agents table points at inbound_numbers (an agent's outbound caller ID) and inbound_numbers back at agents.
    // SQLite resolves a reference when a row is written, PostgreSQL when the table is created: there the agents'
    // reference is added once both tables exist.
    private static MigrationStep Step1()
    {
        const string sqlite =
            """
            CREATE TABLE queues (
                name        TEXT NOT NULL PRIMARY KEY,
                created_at  TEXT NOT NULL
            );

            CREATE TABLE custom_destinations (
                name        TEXT NOT NULL PRIMARY KEY,
                kind        TEXT NOT NULL CHECK (kind IN ('dialplan', 'endpoint', 'number')),
                context     TEXT NULL,
                exten       TEXT NULL,
                priority    INTEGER NULL,
                endpoint    TEXT NULL,
                number      TEXT NULL,
                created_at  TEXT NOT NULL,
                CHECK (kind <> 'dialplan' OR (context IS NOT NULL AND exten IS NOT NULL AND priority IS NOT NULL)),
                CHECK (kind <> 'endpoint' OR endpoint IS NOT NULL),
                CHECK (kind <> 'number' OR number IS NOT NULL)
            );

            CREATE TABLE agents (
                id                  TEXT NOT NULL PRIMARY KEY,
                name                TEXT NOT NULL,
                extension           TEXT NOT NULL UNIQUE,
                outbound_cid        TEXT NULL REFERENCES inbound_numbers (number),
                logged_in           INTEGER NOT NULL DEFAULT 0,
                unreachable_type    TEXT NOT NULL DEFAULT 'none' CHECK (unreachable_type IN ('none', 'voicemail')),
                voicemail_email     TEXT NULL,
                created_at          TEXT NOT NULL,
                CHECK ((unreachable_type = 'voicemail') = (voicemail_email IS NOT NULL))
            );

            CREATE TABLE agent_emails (
                agent_id    TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
                address     TEXT NOT NULL,
                position    INTEGER NOT NULL,
                PRIMARY KEY (agent_id, address)
            );

            CREATE TABLE inbound_numbers (
                number              TEXT NOT NULL PRIMARY KEY,
                label               TEXT NULL,
                owned               INTEGER NOT NULL DEFAULT 1,
                destination_type    TEXT NOT NULL DEFAULT 'unassigned'
                                    CHECK (destination_type IN ('agent', 'queue', 'custom', 'unassigned')),
                agent_id            TEXT NULL REFERENCES agents (id),
                queue_name          TEXT NULL REFERENCES queues (name),
                destination_name    TEXT NULL REFERENCES custom_destinations (name),
                updated_at          TEXT NOT NULL,
                -- exactly the column that belongs to the type is set, so a row can never point two ways
                CHECK ((destination_type = 'agent') = (agent_id IS NOT NULL)),
                CHECK ((destination_type = 'queue') = (queue_name IS NOT NULL)),
                CHECK ((destination_type = 'custom') = (destination_name IS NOT NULL)),
                CHECK (owned = 1 OR destination_type = 'unassigned')
            );

            CREATE INDEX ix_inbound_numbers_agent ON inbound_numbers (agent_id) WHERE agent_id IS NOT NULL;
            CREATE INDEX ix_inbound_numbers_queue ON inbound_numbers (queue_name) WHERE queue_name IS NOT NULL;
            CREATE INDEX ix_inbound_numbers_destination ON inbound_numbers (destination_name) WHERE destination_name IS NOT NULL;

            CREATE TABLE route_audit (
                id                  INTEGER PRIMARY KEY AUTOINCREMENT,
                changed_at          TEXT NOT NULL,
                number              TEXT NOT NULL,
                old_destination     TEXT NOT NULL,
                new_destination     TEXT NOT NULL,
                actor               TEXT NOT NULL
            );

            CREATE INDEX ix_route_audit_number ON route_audit (number, id);
            """;
        const string forwardReference = "outbound_cid        TEXT NULL REFERENCES inbound_numbers (number)";
        return new(
            sqlite,
            MigrationStep.PostgresTypes(sqlite.Replace(forwardReference, "outbound_cid        TEXT NULL", StringComparison.Ordinal))
            + "\nALTER TABLE agents ADD FOREIGN KEY (outbound_cid) REFERENCES inbound_numbers (number);\n");
    }

    // 6: user names are case-insensitive (ROOT is root). PostgreSQL has no NOCASE collation: there a unique index on
    // lower(name) keeps two spellings of one name out, and the queries compare lower(name).
    private static MigrationStep Step6()
    {
        const string sqlite =
            """
            CREATE TABLE users (
                name                TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                role                TEXT NOT NULL CHECK (role IN ('admin', 'support', 'agent')),
                agent_id            TEXT NULL REFERENCES agents (id) ON DELETE CASCADE,
                password_hash       TEXT NOT NULL,
                failed_attempts     INTEGER NOT NULL DEFAULT 0,
                locked_until        TEXT NULL,
                created_at          TEXT NOT NULL,
                CHECK ((role = 'agent') = (agent_id IS NOT NULL))
            );

            CREATE INDEX ix_inbound_numbers_type_number ON inbound_numbers (destination_type, number);
            """;
        return new(
            sqlite,
            MigrationStep.PostgresTypes(sqlite.Replace(" COLLATE NOCASE", "", StringComparison.Ordinal))
            + "\nCREATE UNIQUE INDEX ux_users_name ON users (lower(name));\n");
    }
}
