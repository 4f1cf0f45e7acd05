import PortalKernel

/// The C arrays libpq takes for statement parameters (`paramValues`, `paramLengths`,
/// `paramFormats`), valid for the duration of ``with(_:_:)``'s body.
enum PostgresParameters {
    /// Calls `body` with the parameter count and arrays for `values`, then frees them.
    static func with<Result>(
        _ values: [SQLValue],
        _ body: (
            _ count: Int32, _ values: UnsafePointer<UnsafePointer<CChar>?>?, _ lengths: UnsafePointer<Int32>?,
            _ formats: UnsafePointer<Int32>?
        ) throws -> Result
    ) throws -> Result {
        guard !values.isEmpty else { return try body(0, nil, nil, nil) }
        let parameters = try values.map(PostgresValueCoding.parameter)
        var pointers: [UnsafePointer<CChar>?] = []
        var buffers: [UnsafeMutableBufferPointer<CChar>] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        pointers.reserveCapacity(parameters.count)
        defer { for buffer in buffers { buffer.deallocate() } }
        for parameter in parameters {
            guard let parameter else {
                pointers.append(nil)
                lengths.append(0)
                formats.append(0)
                continue
            }
            // One spare byte: text parameters are read up to a NUL terminator.
            let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: parameter.bytes.count + 1)
            buffers.append(buffer)
            parameter.bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { chars in
                    _ = buffer.initialize(fromContentsOf: chars)
                }
            }
            buffer[parameter.bytes.count] = 0
            pointers.append(UnsafePointer(buffer.baseAddress))
            lengths.append(Int32(parameter.bytes.count))
            formats.append(parameter.isBinary ? 1 : 0)
        }
        return try pointers.withUnsafeBufferPointer { pointers in
            try lengths.withUnsafeBufferPointer { lengths in
                try formats.withUnsafeBufferPointer { formats in
                    try body(Int32(values.count), pointers.baseAddress, lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }
}
