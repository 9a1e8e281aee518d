import Foundation

/// Builds a `World` from a world directory (see `WorldFixtures`).
public enum WorldLoader {
    /// The default world shipped in the repository (`Sources/InstagramSandbox/Worlds/default`).
    public static var defaultWorldDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Worlds/default").path
    }

    /// Loads and cross-checks every file of the directory.
    public static func load(directory: String) throws(WorldLoadError) -> World {
        let settings: WorldFixtures.Settings = try read("world.json", in: directory)
        var world = World(name: settings.name, seed: settings.seed, cdnSecret: settings.cdnSecret,
                          cdnHost: settings.cdnHost, mediaDirectory: directory + "/media",
                          limits: settings.limits ?? PacingLimits())
        for file in settings.largeFiles { world.largeFiles[file.name] = file }
        try addUsers(try read("users.json", in: directory), to: &world)
        try addGenerated(settings.generatedAccounts, to: &world)
        for location in try read("locations.json", in: directory) as [SandboxLocation] {
            world.locations[location.pk] = location
        }
        try addPosts(try read("posts.json", in: directory), to: &world)
        try addGraph(directory: directory, to: &world)
        return world
    }

    static func read<T: Decodable>(_ name: String, in directory: String) throws(WorldLoadError) -> T {
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            throw WorldLoadError(.unreadable, file: name, "cannot read \(directory)/\(name)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw WorldLoadError(.malformed, file: name, String(describing: error))
        }
    }

    static func addUsers(_ users: [WorldFixtures.User], to world: inout World) throws(WorldLoadError) {
        for fixture in users {
            let user = SandboxUser(pk: fixture.pk, username: fixture.username.lowercased(), fullName: fixture.fullName,
                                   biography: fixture.biography ?? "", isPrivate: fixture.isPrivate ?? false,
                                   isVerified: fixture.isVerified ?? false, isBusiness: fixture.isBusiness ?? false,
                                   category: fixture.category, externalURL: fixture.externalUrl,
                                   profilePic: fixture.profilePic, password: fixture.password)
            guard world.users[user.pk] == nil, world.usernames[user.username] == nil else {
                throw WorldLoadError(.inconsistent, file: "users.json", "duplicate user \(user.username)")
            }
            world.users[user.pk] = user
            world.usernames[user.username] = user.pk
            addProfilePicture(user.profilePic, to: &world)
        }
        addProfilePicture("a-default.jpg", to: &world)
    }

    static func addProfilePicture(_ file: String, to world: inout World) {
        guard world.profilePictures[file] == nil else { return }
        let asset = MediaAsset(source: .fixture(file), cdnPath: CDNPaths.image(seed: world.seed, name: file, profile: true),
                               isVideo: false, isProfilePicture: true)
        world.profilePictures[file] = asset
        world.assets[asset.cdnPath] = asset
    }

    static func addGenerated(_ specs: [WorldFixtures.GeneratedAccountSpec], to world: inout World) throws(WorldLoadError) {
        for spec in specs {
            guard let owner = world.usernames[spec.username.lowercased()] else {
                throw WorldLoadError(.inconsistent, file: "world.json", "generated account \(spec.username) is not in users.json")
            }
            world.generated[owner] = GeneratedAccount(ownerPK: owner, followerCount: spec.followers,
                                                      followingCount: spec.following, mutualCount: spec.mutual,
                                                      seed: spec.seed)
        }
    }

    static func userPK(_ username: String, _ world: World, file: String) throws(WorldLoadError) -> UInt64 {
        guard let pk = world.usernames[username.lowercased()] else {
            throw WorldLoadError(.inconsistent, file: file, "unknown user \(username)")
        }
        return pk
    }
}
