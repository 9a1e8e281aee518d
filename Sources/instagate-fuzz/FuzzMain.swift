#if !INSTAGATE_LIBFUZZER
import Foundation

/// Without libFuzzer (a plain build, as `deploy/test` makes): `instagate-fuzz TARGET FILE...` replays inputs (a
/// crash libFuzzer saved), `instagate-fuzz TARGET` runs 10,000 random mutations of a few seeds.
@main
struct FuzzMain {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: instagate-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) [FILE...]")
            exit(2)
        }
        let files = arguments.dropFirst()
        if !files.isEmpty {
            for file in files {
                let bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) } ?? []
                bytes.withUnsafeBytes { target.run($0) }
            }
            return
        }
        var random = SystemRandomNumberGenerator()
        let seeds: [[UInt8]] = [Array(#"{"name":"x","items":["a"]}"#.utf8), Array("https://www.instagram.com/p/Cx1/".utf8),
                                Array("REQUEST_URI=/api/x?a=%41&b\0HTTP_HOST=h".utf8)]
        for _ in 0..<10_000 {
            var input = seeds.randomElement(using: &random) ?? []
            for _ in 0..<Int.random(in: 1...8, using: &random) where !input.isEmpty {
                input[Int.random(in: 0..<input.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            input.withUnsafeBytes { target.run($0) }
        }
        print("\(target.rawValue): 10000 inputs, no crash")
    }
}
#endif
