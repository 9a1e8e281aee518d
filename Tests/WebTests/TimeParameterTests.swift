import Foundation
import Testing
@testable import Web

@Suite struct TimeParameterTests {
    @Test func unixSecondsAndISO8601WithOrWithoutFractions() {
        #expect(TimeParameter.parse("1796642002") == Date(timeIntervalSince1970: 1_796_642_002))
        #expect(TimeParameter.parse("2026-12-06T10:00:00Z") == Date(timeIntervalSince1970: 1_796_551_200))
        #expect(TimeParameter.parse("2026-12-06T10:00:00.250Z") == Date(timeIntervalSince1970: 1_796_551_200.25))
        #expect(TimeParameter.parse("yesterday") == nil)
        #expect(TimeParameter.parse("nan") == nil)
        #expect(TimeParameter.parse("") == nil)
    }
}
