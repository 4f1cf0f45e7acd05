import PortalKernel

/// One named conformance check of the storage port, run against a fresh, empty ``Database``.
///
/// Checks create their own tables with ``SQLConnection/executeScript(_:)`` and expect no
/// migrations. Run them with Swift Testing, one test case per check:
///
/// ```swift
/// @Test(arguments: StorageConformance.checks)
/// func conformance(_ check: StorageCheck) async throws {
///     let database = try await makeFreshDatabase()
///     try await check.run(database)
///     await database.close()
/// }
/// ```
public struct StorageCheck: Sendable, CustomStringConvertible {
    /// A short, unique name (shown as the test case's argument).
    public let name: String
    /// The check's body; it throws ``ConformanceFailure`` (or the adapter's error) when the
    /// database does not behave as the port promises.
    public let run: @Sendable (any Database) async throws -> Void

    public var description: String { name }

    public init(name: String, run: @escaping @Sendable (any Database) async throws -> Void) {
        self.name = name
        self.run = run
    }
}
