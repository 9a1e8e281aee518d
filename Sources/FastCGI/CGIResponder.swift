import Foundation

/// Answers one request as a plain CGI program: parameters from the environment, body from stdin,
/// answer on stdout. For shared hosts whose web server runs programs as CGI.
public enum CGIResponder {
    public static func respondOnce(
        environment: [String: String],
        maxBodyBytes: Int,
        handle: (FastCGIRequest) -> FastCGIResponse
    ) {
        let declared = environment["CONTENT_LENGTH"].flatMap(Int.init) ?? 0
        var request = FastCGIRequest(params: FastCGIParams(environment))
        if declared > maxBodyBytes {
            request.bodyTooLarge = true
        } else if declared > 0 {
            let data = FileHandle.standardInput.readData(ofLength: declared)
            request.body = [UInt8](data)
        }
        let bytes = handle(request).serialized()
        FileHandle.standardOutput.write(Data(bytes))
    }
}
