import Logging

/// Receives the server's notices and warnings for one connection and logs them at debug
/// level, instead of libpq's default of printing them to stderr.
///
/// libpq holds an unretained pointer to the sink; ``PostgresConnection`` keeps it alive for
/// as long as it owns a `PGconn`.
final class PostgresNoticeSink {
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func receive(_ message: String) {
        logger.debug("PostgreSQL notice", metadata: ["postgres.notice": "\(message.trimmingTrailingNewlines)"])
    }
}
