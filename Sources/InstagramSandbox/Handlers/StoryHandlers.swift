import Foundation
import Web

/// Stories and highlights (logged in only): `feed/reels_media` and `highlights/<pk>/highlights_tray`.
enum StoryHandlers {
    /// GET `/api/v1/feed/reels_media/?reel_ids=<owner pk>&reel_ids=highlight:<id>` (also comma-separated):
    /// `reels` by id and `reels_media` in order. A reel the viewer may not see, an owner without live stories
    /// (the 24 hours counted on the sandbox clock) or an unknown highlight is left out, as Instagram does.
    static func reelsMedia(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        _ = try call.requireLogin()
        let ids = call.request.queryItems.filter { $0.name == "reel_ids" || $0.name == "reel_ids[]" }
            .flatMap { $0.value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        guard !ids.isEmpty else { throw InstagramError.badRequest("reel_ids is required") }
        let now = call.world.clock(call.now)
        var reels: [(String, JSON)] = []
        for id in ids where !reels.contains(where: { $0.0 == id }) {
            if let reel = reel(id, call: call, now: now) { reels.append((id, reel)) }
        }
        return InstagramResponse.ok([("reels", .object(reels)), ("reels_media", .array(reels.map(\.1)))])
    }

    /// GET `/api/v1/highlights/<owner pk>/highlights_tray/`: the owner's highlights, newest first.
    static func highlightsTray(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        _ = try call.requireLogin()
        let owner = try call.user(pkText: call.request.parameter("id") ?? "")
        guard call.world.canView(ownerPK: owner.pk, viewerPK: call.viewer.pk) else { throw InstagramError.notAuthorized }
        let renderer = call.renderer
        let tray: [JSON] = call.world.highlights(ownerPK: owner.pk).map { highlight in
            let cover = highlight.items.first.map { renderer.cdnURL($0.items[0].image, stp: "dst-jpg_e15_s150x150_tt6") }
            return ["id": .string(highlight.reelID), "strong_id__": .string(highlight.reelID), "title": .string(highlight.title),
                    "created_at": .number(highlight.createdAt), "media_count": .number(highlight.items.count),
                    "latest_reel_media": .number(highlight.items.last?.takenAt ?? highlight.createdAt),
                    "cover_media": ["cropped_image_version": ["url": .optional(cover), "width": 150, "height": 150]],
                    "reel_type": "highlight_reel", "user": renderer.userShort(owner)]
        }
        return InstagramResponse.ok([("tray", .array(tray)), ("show_empty_state", .bool(tray.isEmpty))])
    }

    /// One reel: an owner's live stories (`<pk>`) or a highlight (`highlight:<id>`); nil when not shown.
    static func reel(_ id: String, call: SandboxCall, now: Int) -> JSON? {
        let world = call.world
        let renderer = call.renderer
        if id.hasPrefix("highlight:") {
            guard let number = UInt64(id.dropFirst(10)), let highlight = world.highlights[number],
                  let owner = world.user(pk: highlight.ownerPK),
                  world.canView(ownerPK: owner.pk, viewerPK: call.viewer.pk) else { return nil }
            return ["id": .string(id), "strong_id__": .string(id), "title": .string(highlight.title),
                    "created_at": .number(highlight.createdAt), "reel_type": "highlight_reel",
                    "latest_reel_media": .number(highlight.items.last?.takenAt ?? highlight.createdAt),
                    "media_count": .number(highlight.items.count), "user": renderer.userShort(owner),
                    "items": .array(highlight.items.map { renderer.mediaItem($0) })]
        }
        guard let pk = UInt64(id), let owner = world.user(pk: pk), world.canView(ownerPK: pk, viewerPK: call.viewer.pk) else {
            return nil
        }
        let live = world.liveStories(ownerPK: pk, now: now)
        guard let last = live.last else { return nil }
        return ["id": .number(pk), "strong_id__": .id(pk), "reel_type": "user_reel", "seen": 0,
                "latest_reel_media": .number(last.post.takenAt), "expiring_at": .number(last.expiringAt),
                "media_count": .number(live.count), "user": renderer.userShort(owner),
                "items": .array(live.map { renderer.mediaItem($0.post).setting("expiring_at", .number($0.expiringAt)) })]
    }
}
