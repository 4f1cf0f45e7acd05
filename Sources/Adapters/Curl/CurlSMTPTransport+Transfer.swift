import PortalBlocking
import CCurl
import PortalKernel

extension CurlSMTPTransport {
    /// Runs one SMTP session on `handle`, blocking the calling (pool) thread.
    static func transfer(
        _ send: PreparedSMTPSend,
        configuration: Configuration,
        handle: CurlEasyHandle,
        cancellation: BlockingCancellation
    ) throws {
        let recipients = try CurlStringList(send.recipients)
        let upload = SMTPUploadSource(send.message)
        try handle.withTransferSetup { errorBuffer in
            try handle.set(CURLOPT_URL, send.url)
            try handle.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
            // libcurl would reuse a cached session that greeted with another EHLO name.
            if let previous = handle.lastSessionKey, previous != send.url {
                try handle.set(CURLOPT_FRESH_CONNECT, true)
            }
            handle.lastSessionKey = send.url
            if send.requireTLS {
                try handle.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
            }
            try handle.set(CURLOPT_CONNECTTIMEOUT_MS, min(configuration.connectTimeout.curlMilliseconds, send.timeoutMilliseconds))
            try handle.set(CURLOPT_TIMEOUT_MS, send.timeoutMilliseconds)
            try handle.set(CURLOPT_MAIL_FROM, send.mailFrom)
            try handle.set(CURLOPT_MAIL_RCPT, list: recipients)
            if let username = send.username {
                try handle.set(CURLOPT_USERNAME, username)
                try handle.set(CURLOPT_PASSWORD, send.password ?? "")
            }
            try upload.install(on: handle)
            try cancellation.install(on: handle)

            let code = withExtendedLifetime((recipients, upload, cancellation)) { handle.perform() }
            guard code != CURLE_OK else { return }
            if code.rawValue == 42, cancellation.isCancelled {
                throw CancellationError()
            }
            let detail = CurlFailure.scrub(CurlFailure.errorText(errorBuffer), removing: send.secrets)
            throw CurlFailure.smtp(code, reply: handle.responseCode, detail: detail)
        }
    }
}
