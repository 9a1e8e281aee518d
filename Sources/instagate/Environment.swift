import App
import Foundation
import Logging
import ArgumentParser

/// The only place that reads the process environment.
enum Environment {
    static func configuration() -> AppConfiguration {
        AppConfiguration(environment: ProcessInfo.processInfo.environment)
    }

    /// Configuration plus a bootstrapped logger; configuration problems are printed and fatal.
    static func start(label: String) throws -> (AppConfiguration, Logger) {
        let configuration = configuration()
        LogSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: label)
        if !configuration.problems.isEmpty {
            for problem in configuration.problems { logger.critical("configuration: \(problem)") }
            throw ExitCode(78) // EX_CONFIG
        }
        return (configuration, logger)
    }
}
