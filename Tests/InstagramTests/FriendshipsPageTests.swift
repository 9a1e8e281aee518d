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

    func scan(_ json: String) throws(FriendshipPageScanner.Malformed) -> RawFriendshipPage {
        try FriendshipPageScanner.scan(Array(json.utf8))
    }

    @Test func scannerCountsUsersAndReadsTheCursorAsStringOrNumber() throws {
        let json = #"{"users":[{"pk":1,"username":"a","nested":{"x":[1,{"next_max_id":"no"}]},"bio":"he said \"next_max_id\":\"9\""},{"pk":"2","username":"b"}],"big_list":true,"next_max_id":"400","status":"ok"}"#
        let page = try scan(json)
        #expect(page.userCount == 2)
        #expect(page.nextMaxID == "400")
        #expect(try scan(#"{"next_max_id":200,"users":[{"pk":1}]}"#).nextMaxID == "200")
        #expect(try scan(#" { "users" : [ ] , "next_max_id" : null } "#).nextMaxID == nil)
        #expect(try scan(#"{"users":[{"pk":1}],"next_max_id":""}"#).hasMore == false)
    }

    @Test func scannerRefusesGarbageAndOtherShapes() {
        for body in ["<!DOCTYPE html><html></html>", #"{"users":"nope","status":"ok"}"#, #"{"status":"ok"}"#,
                     #"{"users":[1,2]}"#, #"{"users":[{"pk":1}]"#, #"{"users":[{"pk":1}]} trailing"#,
                     #"{"users":[{"pk":tru}]}"#, #"["users"]"#, ""] {
            #expect(throws: FriendshipPageScanner.Malformed.self, "\(body)") { try scan(body) }
        }
    }

    @Test func scannerAgreesWithTheDecoder() throws {
        let json = #"{"users":[{"pk":1957932763,"username":"rich","full_name":"R \u00e9","is_private":false},{"pk":"5","username":"x"}],"big_list":true,"page_size":200,"next_max_id":"200","status":"ok"}"#
        let decoded = try JSONDecoder().decode(FriendshipPage.self, from: Data(json.utf8))
        let scanned = try scan(json)
        #expect(scanned.userCount == decoded.users.count && scanned.nextMaxID == decoded.nextMaxID)
    }
}
