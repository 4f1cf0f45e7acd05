import Foundation

/// Runs poppler's command-line tools on rendered PDF bytes written to a temporary file.
enum PDFTool {
    /// The text `pdftotext -layout` extracts from `pdf`.
    static func text(_ pdf: [UInt8]) throws -> String {
        try withFile(pdf) { path in try run("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", path, "-"]) }
    }

    /// `pdfinfo`'s fields (`Title`, `Pages`, ...) for `pdf`.
    static func info(_ pdf: [UInt8]) throws -> [String: String] {
        let output = try withFile(pdf) { path in try run("/usr/bin/pdfinfo", ["-enc", "UTF-8", path]) }
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Renders page `page` of `pdf` to `<prefix>-<page>.png` at 60 dpi and returns that path.
    static func png(_ pdf: [UInt8], page: Int = 1, prefix: String) throws -> String {
        try withFile(pdf) { path in
            _ = try run("/usr/bin/pdftoppm", ["-png", "-r", "60", "-f", "\(page)", "-l", "\(page)", path, prefix])
        }
        let directory = (prefix as NSString).deletingLastPathComponent
        let stem = (prefix as NSString).lastPathComponent
        let name = try FileManager.default.contentsOfDirectory(atPath: directory)
            .first { $0.hasPrefix(stem + "-") && $0.hasSuffix(".png") }
        return directory + "/" + (name ?? "")
    }

    private static func withFile<T>(_ pdf: [UInt8], _ body: (String) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "portal-pdf-test-\(UUID().uuidString).pdf"
        try Data(pdf).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
