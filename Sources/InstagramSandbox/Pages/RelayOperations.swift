/// The GraphQL operations the sandbox knows: doc ids and query hashes of facts §10, with the op names
/// the web-app script declares (gallery-dl reads them from `__d("<Op>_instagramRelayOperation", …)`).
enum RelayOperations {
    /// What an operation answers.
    enum Kind: Sendable {
        case postWebInfo, postGraphXDT, postGraphPlain, postLoggedOut
        case profile, search, timeline, loggedOutTimeline, legacyTimeline, reels, reelsGDL, tagged
        case highlights, storiesGallery, storiesTray
        case viewer, followers, following, comments
        case followMutation, unfollowMutation, likeMutation, unlikeMutation
    }

    static let docIDs: [String: Kind] = [
        "27128499623469141": .postWebInfo, "7153618348081770": .postWebInfo,
        "8845758582119845": .postGraphXDT, "27830990013244856": .postGraphXDT,
        "27130156389949648": .postLoggedOut,
        "27937681195819736": .profile, "28036671149327607": .profile, "28717443601247930": .profile, "25980296051578533": .profile,
        "26347858941511777": .search,
        "29104886249145907": .timeline, "28544666141895803": .timeline, "7898261790222653": .timeline,
        "28904005159232689": .loggedOutTimeline, "7950326061742207": .legacyTimeline,
        "7845543455542541": .reels, "29285972954340351": .reelsGDL, "27234427476213202": .reels,
        "28474042942277898": .tagged,
        "26970053832668570": .highlights, "29306733562261201": .storiesGallery, "38657722893875056": .storiesTray,
        "9064533513620530": .followMutation, "9064533513620531": .unfollowMutation,
        "9064533513620532": .likeMutation, "9064533513620533": .unlikeMutation,
    ]

    static let queryHashes: [String: Kind] = [
        "d6f4427fbe92d846298cf93df0b937d3": .viewer,
        "37479f2b8209594dde7facb0d904896a": .followers, "c76146de99bb02f6415203be841dd25a": .followers,
        "58712303d941c6855d4e888c5f0cd22f": .following, "d04b0a864b4b54837c0d870b0e77e076": .following,
        "2b0673e0dc4580674a88d426fe00ea90": .postGraphPlain, "477b65a610463740ccdb83135b2014db": .postGraphPlain,
        "9f8827793ef34641b2fb195d4d41151c": .postGraphPlain,
        "97b41c52301f77ce508f55e66d17620e": .comments, "51fdd02b67508306ad4484ff574a0b62": .comments,
    ]

    static let friendlyNames: [String: Kind] = [
        "PolarisPostRootQuery": .postGraphXDT, "PolarisPostActionLoadPostQueryQuery": .postWebInfo,
        "PolarisLoggedOutDesktopWWWPostRootContentQuery": .postLoggedOut,
        "PolarisProfilePageContentQuery": .profile, "PolarisProfilePostsQuery": .timeline,
        "PolarisProfilePostsTabContentQuery_connection": .timeline,
        "PolarisLoggedOutDesktopWWWProfilePostsTabContentQuery_connection": .loggedOutTimeline,
        "PolarisProfileReelsTabContentQuery": .reelsGDL, "PolarisProfileReelsTabContentQuery_connection": .reelsGDL,
        "PolarisClipsTabDesktopPaginationQuery": .reelsGDL,
        "PolarisProfileTaggedTabContentQuery": .tagged, "PolarisProfileTaggedTabContentQuery_connection": .tagged,
        "PolarisProfileStoryHighlightsTrayContentQuery": .highlights,
        "PolarisStoriesV3ReelPageGalleryQuery": .storiesGallery, "PolarisStoriesV3TrayQuery": .storiesTray,
        "usePolarisFollowMutation": .followMutation, "usePolarisUnfollowMutation": .unfollowMutation,
        "PolarisAPILikePostMutation": .likeMutation, "PolarisAPIUnlikePostMutation": .unlikeMutation,
    ]

    /// The ops the web-app script declares, with their doc ids and relay providers.
    static let declared: [(name: String, docID: String, providers: [String])] = [
        ("PolarisProfilePageContentQuery", "28717443601247930", ["PolarisIsLoggedIn", "PolarisShareSheetV3"]),
        ("PolarisProfilePostsTabContentQuery_connection", "28544666141895803", ["PolarisIsLoggedIn", "PolarisShareSheetV3"]),
        ("PolarisProfileReelsTabContentQuery_connection", "29285972954340351", ["PolarisIsLoggedIn"]),
        ("PolarisProfileTaggedTabContentQuery_connection", "28474042942277898", ["PolarisIsLoggedIn"]),
        ("PolarisProfileStoryHighlightsTrayContentQuery", "26970053832668570", ["PolarisIsLoggedIn"]),
        ("PolarisStoriesV3ReelPageGalleryQuery", "29306733562261201", ["PolarisIsLoggedIn"]),
        ("PolarisStoriesV3TrayQuery", "38657722893875056", ["PolarisIsLoggedIn"]),
        ("PolarisPostRootQuery", "27830990013244856", ["PolarisShareMenu"]),
        ("PolarisLoggedOutDesktopWWWPostRootContentQuery", "27130156389949648", []),
        ("PolarisPostActionLoadPostQueryQuery", "27128499623469141", ["PolarisAIGMMediaWebLabelEnabled"]),
        ("PolarisLoggedOutDesktopWWWProfilePostsTabContentQuery_connection", "28904005159232689", ["PolarisSEOIsCrawler"]),
        ("usePolarisFollowMutation", "9064533513620530", []),
        ("usePolarisUnfollowMutation", "9064533513620531", []),
        ("PolarisAPILikePostMutation", "9064533513620532", []),
        ("PolarisAPIUnlikePostMutation", "9064533513620533", []),
    ]

    /// The web-app script (`/rsrc.php/…/PolarisRelayOperations.js`).
    static let script: String = {
        var text = ";/*FB_PKG_DELIM*/\n\"use strict\";\n"
        for op in declared {
            text += "__d(\"\(op.name)_instagramRelayOperation\",[],(function(a,b,c,d,e,f){e.exports=\"\(op.docID)\"}),null);\n"
            let providers = op.providers.map { "\"\($0).relayprovider\"" }.joined(separator: ",")
            text += "__d(\"\(op.name)$Parameters\",[\"\(op.name)_instagramRelayOperation\"\(providers.isEmpty ? "" : "," + providers)],"
                + "(function(a,b,c,d,e,f,g){\"use strict\";a={kind:\"PreloadableConcreteRequest\",params:{id:b(\"\(op.name)_instagramRelayOperation\"),"
                + "metadata:{},name:\"\(op.name)\",operationKind:\"query\",text:null}};e.exports=a}),null);\n"
        }
        return text
    }()
}
