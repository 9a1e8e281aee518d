import Foundation
import Web

/// Admin endpoints that change accounts and stories part-way through a client's run.
extension AdminHandlers {
    /// POST `/__sandbox/users/rename` `{"username":…, "to":…}`: the account keeps its pk, posts and stories;
    /// the old name is unknown from then on.
    static func renameUser(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        guard let from = JSONInput.string(options["username"]), let to = JSONInput.string(options["to"]),
              !to.isEmpty, to.count <= 30 else {
            throw AdminError(.badRequest, "username and to (at most 30 characters) are required")
        }
        let world = call.sandbox.store.snapshot
        guard call.sandbox.store.update({ $0.renameUser(from, to: to) }), let renamed = world.user(username: from) else {
            throw AdminError(.conflict, "no account @\(from), or @\(to) is taken")
        }
        var shown = renamed
        shown.username = to
        return InstagramResponse.json(WorldState.user(call.sandbox.store.snapshot, shown))
    }

    /// DELETE `/__sandbox/users/{username}`: the account, its posts and stories are gone (by name and by pk).
    static func deleteUser(_ call: inout SandboxCall) throws -> HTTPResponse {
        let username = call.request.parameter("username") ?? ""
        guard call.sandbox.store.update({ $0.deleteUser(username) }) else {
            throw AdminError(.notFound, "no account @\(username)")
        }
        return InstagramResponse.json(["deleted": .string(username)])
    }

    /// POST `/__sandbox/stories/expire` `{"pk":"<story pk>"}`: the story ends now (sandbox clock) as if its 24 hours
    /// were up; its files go from the CDN (404) unless a highlight keeps it.
    static func expireStory(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        guard let pk = JSONInput.string(options["pk"]).flatMap({ UInt64($0) }) ?? JSONInput.int(options["pk"]).map({ UInt64($0) }) else {
            throw AdminError(.badRequest, "pk must name a story")
        }
        let now = call.now
        guard let story = call.sandbox.store.update({ $0.expireStory(pk: pk, now: $0.clock(now)) }) else {
            throw AdminError(.notFound, "no story \(pk)")
        }
        return InstagramResponse.json(storyJSON(story))
    }
}
