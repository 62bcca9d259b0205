namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary><see cref="OutboundCallCases"/> with the store in the fixture's SQLite file.</summary>
public sealed class OutboundCallTests(CarrierCallFixture fixture) : OutboundCallCases(fixture), IClassFixture<CarrierCallFixture>;

/// <summary>
/// <see cref="OutboundCallCases"/> (the agent's claim taken and released in the shared store, the caller ID read, the
/// call log written) on a real Asterisk with the store in PostgreSQL.
/// </summary>
public sealed class OutboundCallOnPostgresTests(PostgresCarrierCallFixture fixture)
    : OutboundCallCases(fixture), IClassFixture<PostgresCarrierCallFixture>;

/// <summary><see cref="CarrierCallCases"/> with the store in the fixture's SQLite file.</summary>
public sealed class CarrierCallTests(CarrierCallFixture fixture) : CarrierCallCases(fixture), IClassFixture<CarrierCallFixture>;

/// <summary><see cref="CarrierCallCases"/> (route lookups, the call log of real calls) with the store in PostgreSQL.</summary>
public sealed class CarrierCallOnPostgresTests(PostgresCarrierCallFixture fixture)
    : CarrierCallCases(fixture), IClassFixture<PostgresCarrierCallFixture>;
