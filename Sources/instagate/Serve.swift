import App
import ArgumentParser
import FastCGI
import Foundation
import Observability

/// `instagate serve`: the FastCGI responder (or one CGI request when run as CGI).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the FastCGI responder (INSTAGATE_LISTEN, or an inherited socket; plain CGI when run as CGI).")

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate")
        if let problem = configuration.openAccess.startProblem() {
            logger.critical("configuration: \(problem)")
            throw ExitCode(78) // EX_CONFIG
        }
        if let user = configuration.openAccess.user {
            logger.warning("OPEN ACCESS: requests without an API key act as API user '\(user)' (INSTAGATE_OPEN_ACCESS); nginx listens on loopback only")
        }
        let application = Application(configuration: configuration, logger: logger)
        let environment = Environment.process
        let address: FastCGIListenAddress
        if let listen = configuration.listen {
            address = listen
        } else if environment.systemdListener == nil && FastCGIServer.isCGI() {
            let context = application.makeContext(thread: 0)
            CGIResponder.respondOnce(environment: environment.variables, maxBodyBytes: configuration.maxBodyBytes) {
                application.respond(to: $0, context: context)
            }
            return
        } else {
            address = environment.systemdListener ?? .inherited(fd: 0) // else spawn-fcgi's fd 0
        }
        let server: FastCGIServer
        do {
            server = try FastCGIServer(configuration: FastCGIConfiguration(
                address: address, threads: configuration.threads, maxBodyBytes: configuration.maxBodyBytes,
                shutdownTimeout: configuration.shutdownTimeout))
        } catch {
            logger.critical("cannot listen", metadata: [.address: "\(address)", .error: "\(error)"])
            throw ExitCode(1)
        }
        logger.info("serving", metadata: [
            .address: "\(address)", .threads: "\(configuration.threads)", .version: "\(InstagateVersion.current)",
        ])
        let report = server.run(
            makeContext: { application.makeContext(thread: $0) },
            handle: { context, request in application.respond(to: request, context: context) })
        logger.info("stopped", metadata: [
            .signal: "\(report.signal)", .requestsCutOff: "\(report.unfinishedThreads != 0)",
        ])
    }
}
