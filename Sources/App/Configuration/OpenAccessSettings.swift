import Foundation

/// The optional single-user mode of a private install (issue 12): with `INSTAGATE_OPEN_ACCESS` set to an API
/// user's name, a request without `Authorization` acts as that user, so the earlier services' clients work
/// unchanged. Off by default; `instagate serve` refuses to start with it unless every `listen` of nginx's
/// configuration is on loopback (or a unix socket).
public struct OpenAccessSettings: Sendable, Equatable {
    /// The API user keyless requests act as (`INSTAGATE_OPEN_ACCESS`); nil: off.
    public var user: String?
    /// nginx's configuration the loopback check reads, with the files it includes from `conf.d/`
    /// (`$INSTAGATE_HOME/nginx/nginx.conf`, where `deploy/*` render it).
    public var nginxConfig: String

    init(reading env: inout EnvironmentReader, home: String) {
        user = env.string("INSTAGATE_OPEN_ACCESS")
        nginxConfig = "\(home)/nginx/nginx.conf"
    }

    /// Why the mode may not start (nil: off, or nginx listens on loopback only).
    public func startProblem() -> String? {
        guard let user else { return nil }
        guard let text = try? String(contentsOfFile: nginxConfig, encoding: .utf8) else {
            return "INSTAGATE_OPEN_ACCESS=\(user) needs nginx on loopback only, and \(nginxConfig) cannot be read to check it"
        }
        let directory = (nginxConfig as NSString).deletingLastPathComponent + "/conf.d"
        let included = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".conf") }.compactMap { try? String(contentsOfFile: "\(directory)/\($0)", encoding: .utf8) }
        let open = ([text] + included).flatMap(OpenAccessSettings.listenAddresses).filter { !OpenAccessSettings.isLoopback($0) }
        guard open.isEmpty else {
            return "INSTAGATE_OPEN_ACCESS=\(user) is refused: nginx listens on \(open.joined(separator: ", ")) (\(nginxConfig)); "
                + "keyless access is for a private install whose nginx listens on 127.0.0.1 or [::1] only"
        }
        return nil
    }

    /// The first word of every `listen` directive outside comments.
    static func listenAddresses(_ config: String) -> [String] {
        config.split(whereSeparator: \.isNewline).compactMap { line in
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" })
            guard words.first == "listen", words.count > 1 else { return nil }
            return String(words[1])
        }
    }

    /// `127.x.x.x:PORT`, `[::1]:PORT`, `localhost:PORT` or a unix socket; a bare port or any other address is not.
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("unix:") || address.hasPrefix("127.") || address.hasPrefix("[::1]") || address.hasPrefix("localhost:")
    }
}
