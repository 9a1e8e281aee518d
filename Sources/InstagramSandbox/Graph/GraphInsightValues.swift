import Foundation

/// The sandbox's insight figures: deterministic from the media or account and the Graph clock, so they grow as
/// the clock advances (a media's lifetime figures approach their final values over its first days; an account's
/// daily figures differ day by day) and two calls at the same Graph time agree.
enum GraphInsightValues {
    /// When a post went up on the Graph clock: for one published through the Graph API its container's time (the
    /// world dates posts by its own clock, which tests move apart from the Graph's), else its `taken_at`.
    static func postedAt(_ post: SandboxPost, store: GraphStore) -> Double {
        let id = String(post.pk)
        let created = try? store.withPublishing { (containers, _) throws(GraphError) -> Double? in
            containers.values.first { $0.mediaID == id }?.createdAt
        }
        return (created ?? nil) ?? Double(post.takenAt)
    }

    /// A media's lifetime value of `metric` at Graph time `now`, for a post that went up at `postedAt` (0 before).
    static func media(_ metric: String, post: SandboxPost, postedAt: Double, world: World, now: Double) -> Int {
        let age = max(0, now - postedAt)
        let growth = 1 - exp(-age / 172_800)
        let views = Double(800 + (post.pk % 997) * 7) * growth
        func part(_ share: Double) -> Int { Int((views * share).rounded(.down)) }
        switch metric {
        case "views": return Int(views)
        case "impressions": return part(1.12)
        case "reach": return part(0.62)
        case "likes": return part(0.08) + (growth > 0 ? world.likeCount(post) : 0)
        case "comments": return part(0.011)
        case "saved": return part(0.019)
        case "shares": return part(0.014)
        case "reposts": return part(0.003)
        case "total_interactions":
            return ["likes", "comments", "saved", "shares", "reposts"].reduce(0) { $0 + media($1, post: post, postedAt: postedAt, world: world, now: now) }
        case "follows": return part(0.004)
        case "profile_visits": return part(0.031)
        case "profile_activity": return part(0.012)
        case "ig_reels_avg_watch_time": return 4_000 + Int(post.pk % 9_000)
        case "ig_reels_video_view_total_time": return Int(views) * (4_000 + Int(post.pk % 9_000))
        case "reels_skip_rate": return 20 + Int(post.pk % 40)
        default: return part(0.005)
        }
    }

    /// Seconds of the end of each Meta day (07:00 UTC, midnight Pacific) in `(since, until]`, not after `now`.
    static func dayEnds(since: Double, until: Double, now: Double) -> [Double] {
        var end = (floor((since - 25_200) / 86_400) + 1) * 86_400 + 25_200
        var ends: [Double] = []
        while end <= min(until, now) {
            ends.append(end)
            end += 86_400
        }
        return ends
    }

    /// An account's value of `metric` for the day ending at `end`.
    static func accountDay(_ metric: String, user: SandboxUser, dayEnd end: Double) -> Int {
        let day = UInt64(max(0, end / 86_400))
        let noise = mix(user.pk &* 31 &+ day) % 1_000
        let reach = 300 + Int(noise % 500)
        switch metric {
        case "reach": return reach
        case "views": return reach * 3 + Int(noise % 97)
        case "accounts_engaged": return reach / 9
        case "total_interactions": return reach / 5
        case "likes": return reach / 7
        case "comments": return reach / 60
        case "shares", "saves": return reach / 40
        case "profile_links_taps": return 3 + Int(noise % 17)
        case "follower_count", "follows_and_unfollows": return 1 + Int(noise % 12)
        default: return Int(noise % 10)
        }
    }

    /// A 64-bit mix (SplitMix64's finaliser): the same figures in every process, unlike `Hasher`.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
