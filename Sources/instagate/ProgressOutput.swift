import Foundation

/// Where the commands' progress goes: stderr, redrawn in place on a terminal, as plain lines otherwise
/// (logs and pipes get one line per step, never carriage returns).
struct ProgressOutput {
    let terminal = isatty(STDERR_FILENO) == 1

    /// Replaces the line being drawn (terminal only).
    func redraw(_ line: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line.prefix(160))".utf8))
    }

    /// One plain line.
    func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Clears what `redraw` left (terminal only).
    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// `[=====>    ]`-style bar of `width` cells with `filled` of them done.
    static func bar(filled: Int, width: Int) -> String {
        String(repeating: "=", count: min(width, max(0, filled))) + (filled < width ? ">" : "")
            + String(repeating: " ", count: max(0, width - 1 - max(0, filled)))
    }
}
