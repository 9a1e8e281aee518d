/// An account whose follower and following lists are generated from a seed instead of stored:
/// 100,000 followers and 7,500 following cost no memory, and any page is computed in O(page size).
///
/// Generated user `i` has pk `basePK + i`. Followers are users `0..<followerCount` (index 0 is the most
/// recent follower). Following entry `j` is follower `(j · 7919) mod followerCount` for the first
/// `mutualCount` entries (they follow back) and non-follower `followerCount + j − mutualCount` after that.
public struct GeneratedAccount: Sendable, Equatable {
    public var ownerPK: UInt64
    public var followerCount: Int
    public var followingCount: Int
    public var mutualCount: Int
    public var seed: UInt64
    public var basePK: UInt64

    static let stride: Int = 7919
    static let firstNames = ["minji", "haneul", "jisoo", "doyun", "seoyeon", "hyun", "yuna", "taemin", "sora", "jiho",
                             "alex", "maria", "noah", "emma", "liam", "olivia", "lucas", "mia", "leo", "zoe"]
    static let lastNames = ["kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim",
                            "smith", "garcia", "mueller", "rossi", "silva", "tanaka", "nguyen", "dubois", "novak", "berg"]
    static let separators = [".", "_", ""]

    public init(ownerPK: UInt64, followerCount: Int, followingCount: Int, mutualCount: Int? = nil, seed: UInt64) {
        self.ownerPK = ownerPK
        self.followerCount = max(0, followerCount)
        self.followingCount = max(0, followingCount)
        self.mutualCount = min(mutualCount ?? followingCount * 2 / 3, followingCount, followerCount)
        self.seed = seed
        basePK = 60_000_000_000 + (seed % 1000) * 1_000_000
    }

    /// How many generated users exist (followers plus followed non-followers).
    public var userCount: Int { followerCount + max(0, followingCount - mutualCount) }

    /// The generated user at an index, or nil outside the range.
    public func user(at index: Int) -> SandboxUser? {
        guard index >= 0, index < userCount else { return nil }
        var random = SeededRandom(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let first = GeneratedAccount.firstNames[random.next(below: 20)]
        let last = GeneratedAccount.lastNames[random.next(below: 20)]
        let separator = GeneratedAccount.separators[random.next(below: 3)]
        var user = SandboxUser(pk: basePK + UInt64(index), username: "\(first)\(separator)\(last)\(index)",
                               fullName: "\(first.capitalized) \(last.capitalized)",
                               isPrivate: random.next(below: 10) == 0, isVerified: random.next(below: 500) == 0,
                               profilePic: "a-default.jpg")
        user.isGenerated = true
        user.generatedCounts = (followers: 20 + random.next(below: 2000), following: 50 + random.next(below: 1500))
        return user
    }

    /// The generated user with this pk.
    public func user(pk: UInt64) -> SandboxUser? {
        guard pk >= basePK, pk - basePK < UInt64(userCount) else { return nil }
        return user(at: Int(pk - basePK))
    }

    /// The generated user with this username (its index is the trailing digits).
    public func user(username: String) -> SandboxUser? {
        let digits = username.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 7, let index = Int(String(digits.reversed())),
              let user = user(at: index), user.username == username else { return nil }
        return user
    }

    /// The generated follower pk at a position of the follower list (0 = most recent).
    public func followerPK(at position: Int) -> UInt64 { basePK + UInt64(position) }

    /// The generated followee pk at a position of the following list.
    public func followingPK(at position: Int) -> UInt64 {
        if position < mutualCount { return basePK + UInt64(position * GeneratedAccount.stride % followerCount) }
        return basePK + UInt64(followerCount + position - mutualCount)
    }

    /// Whether the generated graph says `pk` follows the owner.
    public func isFollower(_ pk: UInt64) -> Bool {
        pk >= basePK && pk - basePK < UInt64(followerCount)
    }

    /// Whether the generated graph says the owner follows `pk`.
    public func isFollowed(_ pk: UInt64) -> Bool {
        guard pk >= basePK else { return false }
        let index = Int(pk - basePK)
        if index >= followerCount { return index < userCount }
        guard followerCount > 0 else { return false }
        let position = index * inverseStride % followerCount
        return position < mutualCount
    }

    /// The inverse of `stride` modulo `followerCount` (they are coprime for the sizes used).
    var inverseStride: Int {
        var (oldR, r) = (GeneratedAccount.stride, followerCount)
        var (oldS, s) = (1, 0)
        while r != 0 {
            let q = oldR / r
            (oldR, r) = (r, oldR - q * r)
            (oldS, s) = (s, oldS - q * s)
        }
        return ((oldS % followerCount) + followerCount) % followerCount
    }
}
