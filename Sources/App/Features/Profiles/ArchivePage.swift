import DownloadEngine

/// A ZIP archive as a page for nginx's SSI filter (the `archive.zip` location has `ssi on; ssi_types
/// application/zip`): the bytes made by `ZipLayout` (headers, central directory) written as they are, and each
/// member's bytes an `include` of nginx's internal `/__archive/files/CODE/NAME` location (an alias onto the
/// downloads directory), which nginx sends from the file itself. A `<` byte of the made bytes could begin an SSI
/// command, so each one is written as an `echo` of a variable holding `<`: what nginx sends is exactly the archive.
enum ArchivePage {
    /// The URI prefix of nginx's internal location serving stored files to the page.
    static let filesPrefix = "/__archive/files/"

    /// The page of `pieces`.
    static func render(_ pieces: [ZipLayout.Piece]) -> [UInt8] {
        var page = Array(#"<!--# set var="zip_lt" value="<" -->"#.utf8)
        let lessThan = Array(#"<!--# echo var="zip_lt" encoding="none" -->"#.utf8)
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                page.reserveCapacity(page.count + bytes.count)
                for byte in bytes {
                    if byte == UInt8(ascii: "<") { page += lessThan } else { page.append(byte) }
                }
            case .file(let entry):
                page += Array(#"<!--# include virtual="\#(filesPrefix)\#(entry.source)" -->"#.utf8)
            }
        }
        return page
    }
}
