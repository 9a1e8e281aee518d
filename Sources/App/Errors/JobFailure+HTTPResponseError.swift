import Jobs
import Web

extension JobFailure {
    /// How an attempt's error is stored on its job: an error that knows its answer keeps its `error_code`,
    /// message (with the fields it names) and retryability, as the API would give them; anything else is
    /// `unclassified`.
    init(_ error: any Error) {
        switch error {
        case let failure as JobFailure: self = failure
        case let known as any HTTPResponseError:
            let fields = known.fieldErrors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            self.init(code: known.errorCode,
                      message: known.errorMessage + (fields.isEmpty ? "" : " (\(fields.joined(separator: "; ")))"),
                      isRetryable: known.isRetryable, retryAfter: known.retryAfterSeconds)
        default: self = .unclassified(error)
        }
    }
}
