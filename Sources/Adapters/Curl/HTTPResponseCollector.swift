import CCurl
import PortalKernel

/// Gathers one HTTP exchange's response from libcurl's header and write callbacks.
///
/// Lives on the pool thread running the transfer and is reached from the C callbacks through
/// `Unmanaged` user data. Headers are reset on every status line, so after redirects and
/// `100 Continue` only the final response's fields remain.
final class HTTPResponseCollector {
    let limit: Int
    private(set) var headers = HTTPHeaders()
    private(set) var body: [UInt8] = []
    /// Set when the body passed ``limit`` and the transfer was aborted for it.
    private(set) var exceededLimit = false

    init(limit: Int) {
        self.limit = limit
    }

    /// Installs the header and body callbacks on `handle`; `self` must outlive the transfer.
    func install(on handle: CurlEasyHandle) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try handle.setHeaderFunction(Self.headerCallback)
        try handle.set(CURLOPT_HEADERDATA, pointer: context)
        try handle.setWriteFunction(Self.writeCallback)
        try handle.set(CURLOPT_WRITEDATA, pointer: context)
    }

    private static let headerCallback: curl_write_callback = { data, size, count, userdata in
        let length = size * count
        guard let userdata else { return 0 }
        let collector = Unmanaged<HTTPResponseCollector>.fromOpaque(userdata).takeUnretainedValue()
        if let data, length > 0 {
            collector.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
        }
        return length
    }

    private static let writeCallback: curl_write_callback = { data, size, count, userdata in
        let length = size * count
        guard let userdata else { return 0 }
        let collector = Unmanaged<HTTPResponseCollector>.fromOpaque(userdata).takeUnretainedValue()
        guard let data, length > 0 else { return length }
        // Returning anything but `length` makes libcurl stop with CURLE_WRITE_ERROR.
        return collector.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
    }

    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard chunk.count <= limit - body.count else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: chunk)
        return true
    }

    func receiveHeaderLine(_ raw: UnsafeRawBufferPointer) {
        var line = Substring(String(decoding: raw, as: UTF8.self))
        while let last = line.last, last == "\r" || last == "\n" || last == "\r\n" { line.removeLast() }
        if line.isEmpty { return }  // the blank line ending a header block
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()  // a new response begins (redirect, 1xx, or the final one)
            return
        }
        if let first = line.first, first == " " || first == "\t" {
            appendContinuation(line.trimmingSpaces())
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingSpaces()
        guard !name.isEmpty else { return }
        headers.add(String(name), String(line[line.index(after: colon)...].trimmingSpaces()))
    }

    /// Obsolete line folding: a line starting with white space continues the previous value.
    private func appendContinuation(_ text: Substring) {
        guard let last = headers.fields.last else { return }
        var rebuilt = HTTPHeaders()
        for field in headers.fields.dropLast() { rebuilt.add(field.name, field.value) }
        rebuilt.add(last.name, last.value.isEmpty ? String(text) : "\(last.value) \(text)")
        headers = rebuilt
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
