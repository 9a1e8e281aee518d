/// Instagram's 64-bit ids: `(ms since 1314220021721) << 23 | shard << 10 | sequence` (facts §2.3).
public enum MediaPK {
    /// Instagram's id epoch, 2011-08-24 21:07:01.721 UTC, in milliseconds.
    public static let epochMilliseconds: UInt64 = 1_314_220_021_721

    /// Mints a pk for media created at `takenAt` (unix seconds), so ids sort by time like real ones.
    /// The id is minted at upload start, `uploadLead` seconds before `taken_at`.
    public static func mint(takenAt: Int, shard: UInt64, sequence: UInt64, uploadLead: Int = 37) -> UInt64 {
        let milliseconds = UInt64(max(0, takenAt - uploadLead)) * 1000 + 123
        let sinceEpoch = milliseconds > epochMilliseconds ? milliseconds - epochMilliseconds : 0
        return sinceEpoch << 23 | (shard & 0x1FFF) << 10 | (sequence & 0x3FF)
    }

    /// The unix time (seconds, fractional) a pk was minted at.
    public static func timestamp(of pk: UInt64) -> Double {
        Double((pk >> 23) + epochMilliseconds) / 1000
    }
}
