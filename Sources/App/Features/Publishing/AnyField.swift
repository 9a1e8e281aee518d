/// A body field of any JSON type, decoded only to know it was sent: a field a media type does not take is
/// named in the 422 with where it belongs, rather than as an unknown field.
struct AnyField: Decodable {
    init(from decoder: any Decoder) throws {
        _ = try decoder.singleValueContainer()
    }
}
