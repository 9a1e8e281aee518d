/// Turns world values into Instagram's JSON shapes for one viewer (facts §3–§6).
public struct Renderer: Sendable {
    public var world: World
    /// The logged-in viewer, nil when anonymous.
    public var viewerPK: UInt64?
    public var links: LinkStyle
    public var signer: CDNSigner
    /// Unix seconds; CDN expiries are hour-aligned from it so answers are stable within an hour.
    public var now: Int
    /// Where renderings of whole posts are kept between requests (nil: render every time).
    public var cache: RenderCache?

    public init(world: World, viewerPK: UInt64?, links: LinkStyle, signer: CDNSigner, now: Int, cache: RenderCache? = nil) {
        self.world = world
        self.viewerPK = viewerPK
        self.links = links
        self.signer = signer
        self.now = now
        self.cache = cache
    }

    /// A post rendering through the cache.
    func cached(_ kind: String, _ post: SandboxPost, render: () -> JSON) -> JSON {
        guard let cache else { return render() }
        let key = "\(kind)|\(post.pk)|\(world.hasLiked(viewerPK, post))|\(links.cdn)|\(now / 3600)|\(world.version)"
        return cache.value(key, render: render)
    }

    /// A signed CDN URL of an asset with a transform (`stp`) as Instagram builds them.
    public func cdnURL(_ asset: MediaAsset, stp: String) -> String {
        let validity = asset.isVideo ? 2 * 86_400 : 5 * 86_400
        let expiry = now / 3600 * 3600 + validity
        let hash = CDNPaths.fnv1a(asset.cdnPath)
        let ohc = Base64URL.encode((0..<17).map { UInt8(truncatingIfNeeded: hash >> UInt64($0 % 8 * 8) &+ UInt64($0)) })
        return links.cdn + asset.cdnPath + "?stp=" + stp + "&_nc_ht=" + world.cdnHost + "&_nc_cat=" + String(100 + hash % 20)
            + "&_nc_ohc=" + String(ohc.prefix(23)) + "&edm=APs17CUBAAAA&ccb=" + (asset.isVideo ? "9-4" : "7-5")
            + "&oh=" + signer.signature(path: asset.cdnPath, expiry: expiry) + "&oe=" + CDNSigner.hex(expiry)
            + "&_nc_sid=" + String(String(hash, radix: 16).suffix(6))
    }

    /// The profile picture URL at 150 px (`s150x150`) or 320 px.
    public func profilePicURL(_ user: SandboxUser, hd: Bool = false) -> String {
        guard let asset = world.profilePicture(of: user) else { return "" }
        return cdnURL(asset, stp: hd ? "dst-jpg_s320x320_tt6" : "dst-jpg_s150x150_tt6")
    }

    /// The short user object of v1 answers (`user` of an item, entries of follower lists).
    public func userShort(_ user: SandboxUser, numericPK: Bool = false) -> JSON {
        let pk: JSON = numericPK ? .number(user.pk) : .id(user.pk)
        return [
            "pk": pk, "pk_id": .id(user.pk), "id": .id(user.pk), "strong_id__": .id(user.pk),
            "username": .string(user.username), "full_name": .string(user.fullName),
            "is_private": .bool(user.isPrivate), "is_verified": .bool(user.isVerified),
            "profile_pic_id": .string("\(3_000_000_000_000_000_000 &+ user.pk)_\(user.pk)"),
            "profile_pic_url": .string(profilePicURL(user)),
            "has_anonymous_profile_picture": .bool(user.profilePic == "a-default.jpg"),
            "latest_reel_media": 0, "account_badges": [],
        ]
    }

    /// The Graph `owner` / `node` of a user (`id`, `username`, ...).
    public func graphUser(_ user: SandboxUser) -> JSON {
        [
            "id": .id(user.pk), "username": .string(user.username), "full_name": .string(user.fullName),
            "is_private": .bool(user.isPrivate), "is_verified": .bool(user.isVerified),
            "profile_pic_url": .string(profilePicURL(user)),
        ]
    }

    /// `friendship_status` between the viewer and a user.
    public func friendshipStatus(_ target: UInt64) -> JSON {
        guard let viewerPK else {
            return ["following": false, "followed_by": false, "blocking": false, "muting": false,
                    "is_private": .bool(world.user(pk: target)?.isPrivate ?? false),
                    "incoming_request": false, "outgoing_request": false]
        }
        return Renderer.friendshipJSON(world.friendship(viewer: viewerPK, target: target))
    }

    /// The `friendship_status` object of a relationship.
    public static func friendshipJSON(_ friendship: World.Friendship) -> JSON {
        [
            "following": .bool(friendship.following), "followed_by": .bool(friendship.followedBy),
            "blocking": false, "muting": false, "is_private": .bool(friendship.isPrivate),
            "incoming_request": .bool(friendship.incomingRequest), "outgoing_request": .bool(friendship.outgoingRequest),
            "is_bestie": false, "is_restricted": false, "is_feed_favorite": false,
        ]
    }

    /// A location as v1 items carry it (both `pk` and `id`, facts §11).
    public func location(_ pk: UInt64?) -> JSON {
        guard let pk, let place = world.locations[pk] else { return .null }
        return [
            "pk": .number(place.pk), "id": .id(place.pk), "name": .string(place.name), "short_name": .string(place.name),
            "lat": .double(place.lat), "lng": .double(place.lng), "address": .string(place.address),
            "city": .string(place.city), "facebook_places_id": .number(place.pk &* 7 % 1_000_000_000_000),
        ]
    }

    /// A location as Graph nodes carry it.
    public func graphLocation(_ pk: UInt64?) -> JSON {
        guard let pk, let place = world.locations[pk] else { return .null }
        return ["id": .id(place.pk), "has_public_page": true, "name": .string(place.name), "slug": .string(place.slug),
                "address_json": .string(JSON.object([("street_address", .string(place.address)),
                                                     ("city_name", .string(place.city))]).text)]
    }
}
