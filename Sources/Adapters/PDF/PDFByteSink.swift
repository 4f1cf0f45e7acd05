import CPangoCairo

/// Collects what cairo's PDF surface writes, so the document never touches the file system.
///
/// Used from the one pool thread that renders the document; cairo calls ``write`` synchronously.
final class PDFByteSink {
    private(set) var bytes: [UInt8] = []

    /// The `cairo_write_func_t` to pass with `Unmanaged.passUnretained(sink).toOpaque()`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue()
        if let data, length > 0 {
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        }
        return CAIRO_STATUS_SUCCESS
    }
}
