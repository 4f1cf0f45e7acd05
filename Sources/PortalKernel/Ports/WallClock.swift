import Foundation

/// The clock port: where the kernel learns the current time.
///
/// Use cases never read the system time directly; they are handed a `WallClock`, so tests
/// can pin and move time (see `ManualClock` in `PortalTesting`).
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Instant
}

/// The real clock.
public struct SystemClock: WallClock {
    public init() {}

    public func now() -> Instant {
        Instant(Date())
    }
}
