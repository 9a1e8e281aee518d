/// Answers shaped like Instagram's (facts §3.2, §3.3), trimmed to what the parser reads plus noise.
enum MediaFixtures {
    static let v1Reel = """
    {"items":[{"pk":"2913440072144448240","id":"2913440072144448240_25025320","code":"Chunk8-jurw",
      "media_type":2,"product_type":"clips","taken_at":1661529231,
      "user":{"pk":"25025320","pk_id":"25025320","id":"25025320","username":"instagram","full_name":"Instagram",
              "is_private":false,"is_verified":true,"profile_pic_url":"https://x/t51.2885-19/a_n.jpg"},
      "caption":{"pk":"17950000000000001","text":"서울 여행 #여행 #café, with @user.name_1. Mail me@example.com #2024 #a_b!",
                 "created_at":1661529231},
      "like_count":123456,"comment_count":1234,"like_and_view_counts_disabled":false,
      "play_count":4500000,"view_count":null,"video_duration":5.016,"has_audio":true,
      "original_width":1080,"original_height":1920,"accessibility_caption":null,
      "image_versions2":{"candidates":[{"width":640,"height":1137,"url":"https://cdn/thumb640.jpg"},
                                       {"width":1080,"height":1920,"url":"https://cdn/thumb1080.jpg"},
                                       {"width":750,"height":1333,"url":"https://cdn/thumb750.jpg"}]},
      "video_versions":[{"type":102,"width":480,"height":854,"url":"https://cdn/v480.mp4"},
                        {"type":101,"width":720,"height":1280,"url":"https://cdn/v720-low.mp4","bitrate":900000},
                        {"type":103,"width":720,"height":1280,"url":"https://cdn/v720-high.mp4","bitrate":2500000}],
      "location":{"pk":214424288,"id":"214424288","name":"Hong Kong","short_name":"HK"},
      "clips_metadata":{}}],"num_results":1,"more_available":false,"status":"ok"}
    """

    static let v1Carousel = """
    {"data":{"xdt_api__v1__media__shortcode__web_info":{"items":[{"pk":3362774363155811951,
      "id":"3362774363155811951_7","code":"C6q-XdvsU5v","media_type":8,"product_type":"carousel_container",
      "taken_at":1714000000,"user":{"pk":7,"username":"seoul.traveler","full_name":"서울 여행자","is_private":false,
      "is_verified":true},"caption":null,"comment_count":0,"like_and_view_counts_disabled":true,
      "location":null,"carousel_media_count":3,
      "carousel_media":[
        {"pk":"11","media_type":1,"original_width":1080,"original_height":1350,"accessibility_caption":"A temple",
         "image_versions2":{"candidates":[{"width":1080,"height":1350,"url":"https://cdn/1.jpg"}]}},
        {"pk":"12","media_type":2,"original_width":720,"original_height":1280,"video_duration":12.1,
         "image_versions2":{"candidates":[{"width":720,"height":1280,"url":"https://cdn/2-thumb.jpg"}]},
         "video_versions":[{"type":101,"width":720,"height":1280,"url":"https://cdn/2.mp4"}]},
        {"pk":"13","media_type":1,
         "image_versions2":{"candidates":[{"width":640,"height":640,"url":"https://cdn/3-small.jpg"},
                                          {"width":1080,"height":1080,"url":"https://cdn/3.jpg"}]}}]}]}},
     "extensions":{"is_final":true}}
    """

    static let graphSidecar = """
    {"data":{"shortcode_media":{"__typename":"GraphSidecar","id":"1875629777499953996","shortcode":"BoHk1haB5tM",
      "dimensions":{"height":1080,"width":1080},"display_url":"https://cdn/main.jpg","is_video":false,
      "accessibility_caption":"Photo by Instagram","product_type":"feed",
      "edge_media_to_caption":{"edges":[{"node":{"created_at":"1538000000","text":"#café time @mina.kim"}}]},
      "edge_media_to_parent_comment":{"count":31,"edges":[]},"edge_media_preview_comment":{"count":31,"edges":[]},
      "edge_media_preview_like":{"count":-1,"edges":[]},"like_and_view_counts_disabled":false,
      "taken_at_timestamp":1538000000,"location":{"id":"214424288","name":"Hong Kong","slug":"hong-kong"},
      "owner":{"id":"25025320","username":"instagram","full_name":"Instagram","is_private":false,"is_verified":true},
      "edge_sidecar_to_children":{"edges":[
        {"node":{"__typename":"GraphVideo","id":"21","dimensions":{"height":1280,"width":720},
                 "display_url":"https://cdn/v-thumb.jpg","is_video":true,"video_url":"https://cdn/v.mp4","video_duration":3.5}},
        {"node":{"__typename":"GraphImage","id":"22","dimensions":{"height":1080,"width":1080},
                 "display_url":"https://cdn/i.jpg","is_video":false,
                 "display_resources":[{"src":"https://cdn/i640.jpg","config_width":640,"config_height":640},
                                      {"src":"https://cdn/i1080.jpg","config_width":1080,"config_height":1080}]}}]}}},
     "status":"ok"}
    """

    static let graphVideo = """
    {"data":{"xdt_shortcode_media":{"__typename":"XDTGraphVideo","id":"2278584739065882267","shortcode":"B-fKL9qpeab",
      "dimensions":{"height":1920,"width":1080},"display_url":"https://cdn/t.jpg","is_video":true,
      "video_url":"https://cdn/v.mp4","video_view_count":1000,"video_play_count":null,"video_duration":30.2,
      "product_type":"igtv","edge_media_to_caption":{"edges":[]},"edge_media_to_comment":{"count":5},
      "edge_media_preview_like":{"count":77},"taken_at_timestamp":1585000000,"location":null,
      "owner":{"id":"9","username":"oldschool.tv"}}}}
    """
}
