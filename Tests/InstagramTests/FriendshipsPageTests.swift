import Foundation
import Testing
@testable import Instagram

@Suite struct FriendshipsPageTests {
    @Test func decodesV1PageWithNumericPKs() throws {
        let json = #"{"users":[{"pk":1957932763,"pk_id":"1957932763","username":"rich","full_name":"R","is_private":false}],"big_list":true,"page_size":200,"next_max_id":"200","has_more":true,"status":"ok"}"#
        let page = try JSONDecoder().decode(FriendshipPage.self, from: Data(json.utf8))
        #expect(page.users.map(\.pk) == ["1957932763"])
        #expect(page.nextMaxID == "200")
        #expect(page.hasMore)
    }

    @Test func lastPageHasNoCursor() throws {
        let json = #"{"users":[],"big_list":false,"page_size":200,"has_more":false,"status":"ok"}"#
        let page = try JSONDecoder().decode(FriendshipPage.self, from: Data(json.utf8))
        #expect(page.nextMaxID == nil)
        #expect(!page.hasMore)
    }
}
