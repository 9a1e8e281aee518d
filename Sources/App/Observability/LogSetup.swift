import Logging

/// Installs the process's log handler once, from the configuration.
public enum LogSetup {
    public static func bootstrap(format: AppConfiguration.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == .json ? JSONLogHandler(label: label) : TextLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
