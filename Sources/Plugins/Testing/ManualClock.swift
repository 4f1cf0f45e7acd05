import Foundation
import PortalKernel

/// A clock that stands still until a test moves it.
///
/// ```swift
/// let clock = ManualClock(now: Instant(iso8601: "2026-01-31T09:00:00Z")!)
/// clock.advance(by: .seconds(3600))
/// ```
public final class ManualClock: WallClock, @unchecked Sendable {  // `current` guarded by `lock`
    private let lock = NSLock()
    private var current: Instant

    public init(now: Instant = Instant(iso8601: "2026-01-15T09:00:00Z")!) {
        self.current = now
    }

    public func now() -> Instant {
        lock.withLock { current }
    }

    /// Moves time forward (or back, with a negative duration).
    public func advance(by duration: Duration) {
        lock.withLock { current = current + duration }
    }

    /// Jumps to `instant`.
    public func set(_ instant: Instant) {
        lock.withLock { current = instant }
    }
}
