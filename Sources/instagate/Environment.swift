import App
import Foundation
import Logging
import ArgumentParser

/// The only place that reads the process environment: once, into `process`; the commands take their settings
/// and the few other variables they need from it.
enum Environment {
    /// The process's environment, read once.
    static let process = ProcessEnvironment(variables: ProcessInfo.processInfo.environment,
                                            processID: ProcessInfo.processInfo.processIdentifier)

    /// The configuration plus a bootstrapped logger. A setting that is given but invalid stops the command:
    /// each problem is logged (naming its variable) and the exit status is 78 (EX_CONFIG).
    static func start(label: String) throws -> (AppConfiguration, Logger) {
        let configuration = process.configuration()
        LogSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: label)
        if !configuration.problems.isEmpty {
            for problem in configuration.problems { logger.critical("configuration: \(problem)") }
            throw ExitCode(78) // EX_CONFIG
        }
        return (configuration, logger)
    }
}
