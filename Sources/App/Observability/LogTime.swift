import Foundation

/// The time at the start of a log line: ISO 8601 in UTC with milliseconds.
enum LogTime {
    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
