import Testing
@testable import Web

@Suite struct CSVTextTests {
    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("") == "")
        #expect(CSVText.field("김민지 🌸") == "김민지 🌸")
    }

    @Test func formulasAreDefused() {
        #expect(CSVText.field("=cmd()") == "\"'=cmd()\"")
        #expect(CSVText.field("+1") == "\"'+1\"")
        #expect(CSVText.field("-x") == "\"'-x\"")
        #expect(CSVText.field("@sum") == "\"'@sum\"")
        #expect(CSVText.field("a=b") == "a=b")
    }

    @Test func rowsEndWithCRLF() {
        var csv = CSVText(header: ["pk", "username"])
        csv.appendRow(["1", "a,b"])
        #expect(String(decoding: csv.bytes, as: UTF8.self) == "pk,username\r\n1,\"a,b\"\r\n")
    }
}
