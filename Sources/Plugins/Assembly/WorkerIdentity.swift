import Foundation

/// Names a job worker uniquely across machines and processes: `host:pid:role:random`.
public enum WorkerIdentity {
    public static func make(role: String) -> String {
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return "\(host):\(pid):\(role):\(suffix)"
    }
}
