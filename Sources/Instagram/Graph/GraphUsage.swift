import Foundation

/// What Meta's usage headers said of one answer, in percent of the allowance (0–100+; Meta throttles at 100):
/// `x-app-usage` for the app, `x-business-use-case-usage` for each account it names (keyed by IG user id).
/// Each figure is the highest of `call_count`, `total_cputime` and `total_time`, since any of them reaching 100
/// throttles.
public struct GraphUsage: Sendable, Equatable {
    /// One account's business use case usage.
    public struct Account: Sendable, Equatable {
        public var percent: Int
        /// `estimated_time_to_regain_access`, in minutes (0: not throttled).
        public var regainAccessMinutes: Int

        public init(percent: Int, regainAccessMinutes: Int = 0) {
            self.percent = percent
            self.regainAccessMinutes = regainAccessMinutes
        }
    }

    /// The app's usage (`x-app-usage`); nil when the answer had no such header.
    public var appPercent: Int?
    /// Each account's usage by IG user id (`x-business-use-case-usage`; an id with several types: the highest).
    public var accounts: [String: Account]

    public init(appPercent: Int? = nil, accounts: [String: Account] = [:]) {
        self.appPercent = appPercent
        self.accounts = accounts
    }

    /// True when neither header was there.
    public var isEmpty: Bool { appPercent == nil && accounts.isEmpty }

    /// Reads the two headers' JSON (either may be nil or malformed: that part is then left out).
    public init(appUsage: String?, businessUseCaseUsage: String?) {
        self.init()
        if let appUsage, let object = GraphUsage.object(appUsage) { appPercent = GraphUsage.percent(of: object) }
        guard let businessUseCaseUsage, let object = GraphUsage.object(businessUseCaseUsage) else { return }
        for (id, value) in object {
            guard let entries = value as? [[String: Any]] else { continue }
            for entry in entries {
                let regain = (entry["estimated_time_to_regain_access"] as? NSNumber)?.intValue ?? 0
                let found = Account(percent: GraphUsage.percent(of: entry), regainAccessMinutes: regain)
                let known = accounts[id]
                accounts[id] = Account(percent: max(found.percent, known?.percent ?? 0),
                                       regainAccessMinutes: max(found.regainAccessMinutes, known?.regainAccessMinutes ?? 0))
            }
        }
    }

    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    static func percent(of object: [String: Any]) -> Int {
        ["call_count", "total_cputime", "total_time"].compactMap { (object[$0] as? NSNumber)?.intValue }.max() ?? 0
    }
}
