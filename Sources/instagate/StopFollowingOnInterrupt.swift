import Foundation

/// Ctrl-C (SIGINT) while a command follows a job: the command stops following, says that the job keeps running
/// in the worker and where to see it, and exits 130 (the shell's code for an interrupt). The job is not cancelled:
/// `DELETE /api/job/{id}` does that.
final class StopFollowingOnInterrupt {
    private let source: DispatchSourceSignal

    init(jobID: String) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let terminal = isatty(STDERR_FILENO) == 1
        source.setEventHandler {
            let clear = terminal ? "\r\u{1B}[K" : ""
            FileHandle.standardError.write(Data("""
                \(clear)stopped following job \(jobID); it keeps running in the worker \
                (GET /api/status/\(jobID); DELETE /api/job/\(jobID) cancels it)

                """.utf8))
            exit(130)
        }
        source.resume()
    }

    /// Back to the default: Ctrl-C ends the process.
    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
