import FastCGI
import Foundation

/// The process's environment variables, read once by the executable (`Environment.swift` in `instagate`) and
/// handed down: instagate's settings come from `configuration(currentDirectory:)`, and the few variables that
/// are not `INSTAGATE_*` settings are named here, so nothing else looks a variable up by name.
public struct ProcessEnvironment: Sendable {
    /// Every variable as the process got it (a plain CGI request's meta-variables are among them).
    public let variables: [String: String]
    /// This process's id, which systemd's `LISTEN_PID` must name.
    public let processID: Int32

    public init(variables: [String: String], processID: Int32) {
        self.variables = variables
        self.processID = processID
    }

    /// instagate's settings from the `INSTAGATE_*` variables, with their problems.
    public func configuration(currentDirectory: String = FileManager.default.currentDirectoryPath) -> AppConfiguration {
        AppConfiguration(environment: variables, currentDirectory: currentDirectory)
    }

    /// The listening socket systemd passed to this process (socket activation: `LISTEN_FDS` ≥ 1 and `LISTEN_PID`
    /// this process, the socket is fd 3); nil otherwise, also when the variables were meant for another process.
    public var systemdListener: FastCGIListenAddress? {
        guard let count = variables["LISTEN_FDS"].flatMap(Int.init), count >= 1,
              variables["LISTEN_PID"].flatMap(Int32.init) == processID else { return nil }
        return .inherited(fd: 3)
    }

    /// `INSTAGRAM_CSRF_TOKEN`: the csrftoken cookie `instagate analyze` uses without `--csrf-token` (an option
    /// shows in `ps` to other users of the host; a variable does not).
    public var instagramCSRFToken: String? { nonEmpty("INSTAGRAM_CSRF_TOKEN") }

    /// `INSTAGRAM_SESSION_ID`: the sessionid cookie `instagate analyze` uses without `--session-id`.
    public var instagramSessionID: String? { nonEmpty("INSTAGRAM_SESSION_ID") }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }
}
