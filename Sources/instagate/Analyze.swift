import App
import ArgumentParser
import Foundation

/// `instagate analyze`: queues a follower analysis for an API user and follows it until it ends.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse who follows an Instagram account back: queue the job for `instagate work` and follow it.",
        discussion: """
            The job belongs to the API user of --key-file (default $INSTAGATE_HOME/api-key) or --user and shows in \
            GET /api/status/{job_id} like one queued by POST /api/analyze. Progress goes to stderr (a bar on a terminal, \
            a line per step otherwise); the counts go to stdout. Exit status 0 when completed, 1 when it failed or was \
            cancelled. Ctrl-C stops following, not the job.
            """)

    @Option(name: .long, help: "The session's csrftoken cookie (default $INSTAGRAM_CSRF_TOKEN).")
    var csrfToken: String?

    @Option(name: .long, help: """
        The session's sessionid cookie (default $INSTAGRAM_SESSION_ID: on a shared host prefer the variable, since \
        other users can read a program's options in ps).
        """)
    var sessionID: String?

    @Option(name: .long, help: "Account to analyse (default: the session's own).")
    var username: String?

    @Option(name: .long, help: "File whose first line is the API key of the job's owner (default $INSTAGATE_HOME/api-key).")
    var keyFile: String?

    @Option(name: .long, help: "Id of the API user who owns the job (instead of --key-file).")
    var user: Int64?

    @Flag(name: .long, help: "Print the final state as JSON instead of lines.")
    var json = false

    @Flag(name: .long, help: "Queue the job, print its id and return without following it.")
    var detach = false

    func run() throws {
        let (configuration, _) = try Environment.start(label: "instagate.analyze")
        do {
            let analysis = try LocalAnalysis(configuration: configuration)
            let owner = try analysis.owner(keyFile: keyFile, userID: user)
            let environment = Environment.process
            let (jobID, created) = try analysis.start(csrfToken: csrfToken ?? environment.instagramCSRFToken ?? "",
                                                      sessionID: sessionID ?? environment.instagramSessionID ?? "",
                                                      username: username, ownerID: owner)
            FileHandle.standardError.write(Data((created ? "queued job \(jobID)\n" : "following job \(jobID), already queued or running\n").utf8))
            if detach {
                print(jobID)
                return
            }
            let final = try follow(jobID, owner: owner, analysis: analysis)
            try report(final)
            if final.status != "completed" { throw ExitCode.failure }
        } catch let failure as LocalAnalysis.Failure {
            FileHandle.standardError.write(Data("instagate analyze: \(failure)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Polls the job until it ends, drawing its progress. Ctrl-C stops following and says so; the job runs on.
    func follow(_ jobID: String, owner: Int64, analysis: LocalAnalysis) throws -> LocalAnalysis.State {
        let bar = AnalysisProgressBar()
        defer { bar.finish() }
        let interrupt = StopFollowingOnInterrupt(jobID: jobID)
        defer { interrupt.cancel() }
        while true {
            let state = try analysis.state(jobID: jobID, ownerID: owner)
            bar.show(state)
            if state.isFinished { return state }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    func report(_ state: LocalAnalysis.State) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(state), as: UTF8.self))
            return
        }
        guard let counts = state.counts else {
            FileHandle.standardError.write(Data("instagate analyze: job \(state.jobID) \(state.status): \(state.errorCode ?? "") \(state.errorMessage ?? "")\n".utf8))
            return
        }
        print("job\t\(state.jobID)\nusername\t\(state.username ?? "")")
        for (name, value) in [("followers", counts.followers), ("following", counts.following), ("unfollowers", counts.unfollowers),
                              ("fans", counts.fans), ("mutual", counts.mutual)] {
            print("\(name)\t\(value)")
        }
    }
}

/// Progress of an analysis on stderr: a redrawn bar on a terminal; otherwise a line when the step changes
/// or every 10 %.
final class AnalysisProgressBar {
    private let output = ProgressOutput()
    private var lastLine = ""
    private var lastDecile = -1

    func show(_ state: LocalAnalysis.State) {
        let counts = state.expectedTotal > 0 ? " \(state.usersFetched)/\(state.expectedTotal) users, page \(state.pages)" : ""
        if output.terminal {
            let bar = ProgressOutput.bar(filled: Int((state.percent / 100 * 30).rounded(.down)), width: 30)
            output.redraw(String(format: "[%@] %5.1f%%", bar, state.percent) + "\(counts)  \(state.status): \(state.message)")
            return
        }
        let decile = Int(state.percent / 10)
        let step = "\(state.status): \(state.message)"
        guard step != lastLine || decile > lastDecile else { return }
        lastLine = step
        lastDecile = decile
        output.line(String(format: "%5.1f%% ", state.percent) + step + counts)
    }

    func finish() { output.finish() }
}
