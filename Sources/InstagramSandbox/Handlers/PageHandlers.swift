import Web

/// HTML pages: start page, profile, post, embed, share links, login and challenge (facts §1.6, §2.4).
enum PageHandlers {
    /// GET `/`: tokens in the page, device and CSRF cookies set.
    static func start(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let csrf = call.cookies["csrftoken"].flatMap { $0.isEmpty ? nil : $0 } ?? Tokens.random(32)
        var response = InstagramResponse.html(HTMLPages.head(title: "Instagram", links: call.links)
            + tokens(call, csrf: csrf) + "<h1>Instagram</h1>" + HTMLPages.tail)
        let links = call.links
        if call.cookies["csrftoken"]?.isEmpty ?? true {
            response.headers.add("Set-Cookie", InstagramResponse.cookie("csrftoken", csrf, maxAge: 31_449_600, links: links))
        }
        if call.cookies["mid"]?.isEmpty ?? true {
            response.headers.add("Set-Cookie", InstagramResponse.cookie("mid", Tokens.mid(), maxAge: 63_072_000, links: links, httpOnly: true))
        }
        if call.cookies["ig_did"]?.isEmpty ?? true {
            response.headers.add("Set-Cookie", InstagramResponse.cookie("ig_did", Tokens.deviceID(), maxAge: 63_072_000, links: links, httpOnly: true))
        }
        return response
    }

    static func tokens(_ call: SandboxCall, csrf: String) -> String {
        let day = Int(call.now) / 86_400
        return HTMLPages.tokens(lsd: Tokens.lsd(seed: call.world.seed, day: day),
                                dtsg: call.viewer.pk.map { Tokens.dtsg(seed: call.world.seed, user: $0, day: day) },
                                viewerFBID: call.viewer.user?.fbid, csrf: csrf)
    }

    /// GET `/<username>/`: the profile with its details and first posts embedded; `?__a=1` the legacy JSON.
    static func profile(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let name = call.request.parameter("username") ?? ""
        guard let user = call.world.user(username: name) else {
            if call.request.query("__a") == "1" { throw InstagramError.userNotFound }
            throw InstagramError.pageNotFound
        }
        let renderer = call.renderer
        if call.request.query("__a") == "1" {
            _ = try call.requireLogin()
            let json = renderer.webProfileInfo(user) { Cursor.encode(.timeline, owner: user.pk, offset: $0) }
            return InstagramResponse.json(["graphql": ["user": json], "logging_page_id": .string("profilePage_\(user.pk)"),
                                           "show_suggested_profiles": false, "status": "ok"])
        }
        var body = HTMLPages.head(title: "\(user.fullName) (@\(user.username)) • Instagram photos and videos", links: call.links,
                                  extra: "<meta property=\"og:title\" content=\"\(HTMLPages.escape(user.fullName)) (@\(user.username))\" />")
        body += tokens(call, csrf: call.cookies["csrftoken"] ?? Tokens.random(32))
        let route: JSON = ["route": ["params": ["username": .string(user.username)], "profile_id": .id(user.pk),
                                     "page_id": .string("profilePage_\(user.pk)")]]
        body += "<script type=\"application/json\" data-sjs>\(HTMLPages.embed(route))</script>\n"
        body += HTMLPages.prefetched("PolarisProfilePageContentQuery", data: ["xig_user_by_username": renderer.pageProfile(user)])
        if call.world.canView(ownerPK: user.pk, viewerPK: call.viewer.pk) {
            let connection = GraphQLHandler.orderedTimeline(call.world.timeline(ownerPK: user.pk), owner: user.pk, offset: 0,
                                                            count: 12, renderer: renderer)
            body += HTMLPages.prefetched("PolarisProfilePostsQuery",
                                         data: ["xig_user_by_username": ["id": .string("XIGUser:\(user.pk)"),
                                                                         "polaris_ordered_timeline_connection": connection]])
        }
        return InstagramResponse.html(body + HTMLPages.tail)
    }

    /// The post of a page path, or the page's error: 404 for unknown/deleted, the login wall for private.
    static func pagePost(_ call: SandboxCall) throws(InstagramError) -> SandboxPost {
        guard let post = call.world.post(shortcode: call.request.parameter("code") ?? ""), !post.deleted else {
            throw call.request.query("__a") == "1" ? InstagramError.mediaNotFound : InstagramError.pageNotFound
        }
        guard call.world.canView(ownerPK: post.ownerPK, viewerPK: call.viewer.pk) else {
            if call.viewer.pk == nil { throw call.loginError() }
            throw call.request.query("__a") == "1" ? InstagramError.notAuthorized : InstagramError.pageNotFound
        }
        return post
    }

    /// GET `/p/<code>/` (and `/reel/`, `/tv/`, with a user prefix); `?__a=1&__d=dis` the v1 JSON.
    static func post(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        if call.request.query("__a") == "1" { _ = try call.requireLogin() }
        let post = try pagePost(call)
        let renderer = call.renderer
        let item = renderer.mediaItem(post)
        if call.request.query("__a") == "1" {
            return InstagramResponse.ok([("items", [item]), ("num_results", 1), ("more_available", false),
                                         ("auto_load_more_enabled", false)])
        }
        let owner = call.world.user(pk: post.ownerPK)
        let first = post.items[0]
        var meta = "<meta property=\"og:title\" content=\"\(HTMLPages.escape(owner?.fullName ?? "")) on Instagram\" />"
        meta += "<meta property=\"og:description\" content=\"\(HTMLPages.escape(post.caption ?? ""))\" />"
        meta += "<meta property=\"og:image\" content=\"\(HTMLPages.escape(renderer.cdnURL(first.image, stp: "dst-jpg_e35_s640x640_tt6")))\" />"
        if let video = first.video, post.kind != .carousel {
            meta += "<meta property=\"og:video\" content=\"\(HTMLPages.escape(renderer.cdnURL(video, stp: "dst-mp4")))\" />"
        }
        var body = HTMLPages.head(title: "\(owner?.fullName ?? "") on Instagram", links: call.links, extra: meta)
        body += tokens(call, csrf: call.cookies["csrftoken"] ?? Tokens.random(32))
        let comments = (call.world.comments[post.pk] ?? []).compactMap { comment -> JSON? in
            guard let user = call.world.user(pk: comment.userPK) else { return nil }
            return ["node": ["pk": .id(comment.pk), "text": .string(comment.text), "created_at": .number(comment.createdAt),
                             "comment_like_count": 0, "user": ["username": .string(user.username), "pk": .id(user.pk)]]]
        }
        body += HTMLPages.prefetched("PolarisLoggedOutDesktopWWWPostRootContentQuery", data: ["xig_polaris_media": [
            "if_not_gated_logged_out": item, "comments_connection": ["edges": .array(comments)]]])
        body += HTMLPages.prefetched("PolarisPostRootQuery", data: ["xdt_api__v1__media__shortcode__web_info": ["items": [item]]])
        return InstagramResponse.html(body + HTMLPages.tail)
    }

    /// GET `/p/<code>/embed/` and `/embed/captioned/`: `"init",[],[{…"contextJSON":"…"}]],`.
    static func embed(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let post = try pagePost(call)
        let context: JSON = ["context": ["type": "EMBED", "shortcode": .string(post.shortcode), "is_captioned": .bool(call.path.hasSuffix("captioned"))],
                             "gql_data": ["shortcode_media": call.renderer.graphMedia(post)]]
        let initial: JSON = ["appId": "1217981644879628", "contextJSON": .string(context.text), "shortcode": .string(post.shortcode)]
        let script = "<script>requireLazy([\"TimeSliceImpl\",\"ServerJS\"],function(TimeSlice,ServerJS){var s=(new ServerJS());"
            + "s.handle({\"require\":[[\"PolarisEmbedSimple\",\"init\",[],[\(HTMLPages.embed(initial))]],]});});</script>\n"
        return InstagramResponse.html(HTMLPages.head(title: "Instagram", links: call.links) + script
            + "<div class=\"Embed\"><a href=\"\(call.links.web)/p/\(post.shortcode)/\">View this post on Instagram</a></div>" + HTMLPages.tail)
    }

    /// GET/HEAD `/share/<token>`, `/share/p/<token>`, `/share/reel/<token>`: 302 to the post.
    static func share(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        guard let token = call.request.parameter("token"), let pk = call.world.shareTokens[token],
              let post = call.world.post(pk: pk) else { throw InstagramError.pageNotFound }
        let section = post.kind == .reel ? "reel" : "p"
        return InstagramResponse.redirect("\(call.links.web)/\(section)/\(post.shortcode)/?igsh=\(Tokens.random(16).lowercased())")
    }

    static func login(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        InstagramResponse.html(HTMLPages.login(links: call.links, tokens: tokens(call, csrf: call.cookies["csrftoken"] ?? Tokens.random(32))))
    }

    static func challenge(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        InstagramResponse.html(HTMLPages.challenge(links: call.links))
    }

    /// GET `/explore/locations/<id>/[<slug>/]`; `?__a=1` gives `native_location_data.location_info` (IL).
    static func location(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        guard let pk = UInt64(call.request.parameter("id") ?? ""), let place = call.world.locations[pk] else {
            throw InstagramError.pageNotFound
        }
        let info: JSON = ["location_id": .id(place.pk), "facebook_places_id": .id(place.pk), "name": .string(place.name),
                          "slug": .string(place.slug), "has_public_page": true, "lat": .double(place.lat), "lng": .double(place.lng),
                          "location_address": .string(place.address), "location_city": .string(place.city)]
        if call.request.query("__a") == "1" {
            return InstagramResponse.json(["native_location_data": ["location_info": info, "ranked": ["sections": []],
                                                                    "recent": ["sections": []]], "status": "ok"])
        }
        return InstagramResponse.html(HTMLPages.head(title: "\(place.name) • Instagram", links: call.links)
            + HTMLPages.prefetched("PolarisLocationPageQuery", data: ["location": info]) + HTMLPages.tail)
    }
}
