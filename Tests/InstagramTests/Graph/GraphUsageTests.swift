import Testing
@testable import Instagram

/// Meta's usage headers read as percentages: the highest of the three figures, per account, regain minutes kept.
struct GraphUsageTests {
    @Test func appUsageIsTheHighestFigure() {
        let usage = GraphUsage(appUsage: #"{"call_count":28,"total_cputime":91,"total_time":15}"#, businessUseCaseUsage: nil)
        #expect(usage.appPercent == 91 && usage.accounts.isEmpty)
    }

    @Test func businessUseCaseUsageIsPerAccountWithItsRegainTime() {
        let header = #"{"17841400000000017":[{"type":"instagram","call_count":87,"total_cputime":20,"total_time":24,"estimated_time_to_regain_access":0},{"type":"pages","call_count":5,"total_cputime":99,"total_time":1,"estimated_time_to_regain_access":12}],"17841400000000018":[{"type":"instagram","call_count":3,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]}"#
        let usage = GraphUsage(appUsage: nil, businessUseCaseUsage: header)
        #expect(usage.appPercent == nil)
        #expect(usage.accounts["17841400000000017"] == GraphUsage.Account(percent: 99, regainAccessMinutes: 12))
        #expect(usage.accounts["17841400000000018"] == GraphUsage.Account(percent: 3))
    }

    @Test func malformedOrMissingHeadersAreNoUsage() {
        #expect(GraphUsage(appUsage: "not json", businessUseCaseUsage: "[1,2]").isEmpty)
        #expect(GraphUsage(appUsage: nil, businessUseCaseUsage: nil).isEmpty)
    }
}
