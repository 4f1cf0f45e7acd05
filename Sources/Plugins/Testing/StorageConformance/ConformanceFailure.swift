/// A storage conformance check found the database behaving differently from the port's promise.
public struct ConformanceFailure: Error, CustomStringConvertible {
    /// What was expected and what happened.
    public let message: String
    /// The file (`#fileID`) of the failed expectation.
    public let file: String
    /// The line of the failed expectation.
    public let line: Int

    public init(_ message: String, file: String = #fileID, line: Int = #line) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Throws a ``ConformanceFailure`` with `message` unless `condition` holds.
public func conformanceExpect(
    _ condition: Bool,
    _ message: @autoclosure () -> String,
    file: String = #fileID,
    line: Int = #line
) throws {
    guard condition else { throw ConformanceFailure(message(), file: file, line: line) }
}
