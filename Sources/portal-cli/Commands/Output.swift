import Foundation
import PortalAssembly
import PortalKernel

/// Writes results as aligned tables for people or as stable JSON (sorted keys, snake_case) for scripts.
struct Output {
    let json: Bool

    /// Prints `value` as JSON when `--json` is set, else the table built by `table`.
    func emit<Value: Encodable>(_ value: Value, table: () -> Table) {
        if json {
            let text = (try? JSONCoding.encodeToString(value, pretty: true)) ?? "{}"
            write(text + "\n", to: .standardOutput)
        } else {
            write(table().rendered, to: .standardOutput)
        }
    }

    /// Prints a one-line message (or `value` as JSON with `--json`).
    func message<Value: Encodable>(_ text: String, json value: Value) {
        if json {
            write(((try? JSONCoding.encodeToString(value, pretty: true)) ?? "{}") + "\n", to: .standardOutput)
        } else {
            write(text + "\n", to: .standardOutput)
        }
    }

    /// Prints `value` as JSON when `--json` is set, else the text built by `text` (a detail view,
    /// a multi-line report). A missing final newline is added.
    func emit<Value: Encodable>(_ value: Value, text: () -> String) {
        if json {
            write(((try? JSONCoding.encodeToString(value, pretty: true)) ?? "{}") + "\n", to: .standardOutput)
        } else {
            let rendered = text()
            write(rendered.hasSuffix("\n") ? rendered : rendered + "\n", to: .standardOutput)
        }
    }

    /// Prints one page of a list: as `{"items": …, "next_cursor": …}` with `--json`, else the table
    /// followed by the option that fetches the next page, when there is one.
    func emit<Item: Encodable>(page: Page<Item>, table: () -> Table) {
        emit(page) {
            var text = table().rendered
            if let next = page.nextCursor { text += "More: --cursor \(next)\n" }
            return text
        }
    }

    func error(_ error: PortalError) {
        if json {
            write(((try? JSONCoding.encodeToString(PortalErrorEnvelope(error))) ?? "{}") + "\n", to: .standardError)
        } else {
            write("error: \(error.message)\(error.field.map { " (\($0))" } ?? "") [\(error.code.rawValue)]\n", to: .standardError)
            // The operator running the command may see what only operators should see.
            if let detail = error.debugDetail, error.code == .internal || error.code == .unavailable {
                write("detail: \(detail)\n", to: .standardError)
            }
        }
    }

    private func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}

/// A plain-text table with a header row and columns padded to their widest cell.
struct Table {
    var headers: [String]
    var rows: [[String]]

    var rendered: String {
        guard !rows.isEmpty else { return "(none)\n" }
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
