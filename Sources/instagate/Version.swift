import App
import ArgumentParser

/// `instagate version`.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() {
        print("instagate \(InstagateVersion.current)")
    }
}
