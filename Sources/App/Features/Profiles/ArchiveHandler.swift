import DownloadEngine
import Foundation
import Web

/// `GET /api/downloads/{profile}/archive.zip`: a ZIP (stored, no compression) of everything this API user has
/// stored of a downloaded profile. The responder only lists the members and answers an SSI page of a few hundred
/// bytes per member (`ArchivePage`); nginx streams the archive from the files themselves, so no copy is made on
/// disk and no responder thread waits on a slow client.
enum ArchiveHandler {
    @Sendable static func archive(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let username = request.parameter("profile") ?? ""
        let store = ProfileStore(db: try context.database())
        guard (1...30).contains(username.utf8.count), username.utf8.allSatisfy({ $0 < 0x80 }),
              let profile = try store.archivedProfile(userID: context.user.id, username: username) else {
            throw APIError.notFound("No downloaded profile of that name: download it first (POST /api/download).")
        }
        let archive = ProfileArchive(settings: context.configuration.downloads, profile: profile,
                                     downloads: try store.archivedDownloads(userID: context.user.id, profile: profile))
        for download in archive.updated { try store.saveChecksums(userID: context.user.id, download: download) }
        let pieces = ZipLayout().pieces(archive.entries)
        var response = HTTPResponse.bytes(ArchivePage.render(pieces), contentType: "application/zip")
        response.headers["Content-Disposition"] = #"attachment; filename="\#(profile.username.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._".contains($0)) }).zip""#
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Archive-Length"] = String(ZipLayout.length(of: pieces))
        return response
    }
}
