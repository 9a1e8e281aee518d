/// instagate's release version.
public enum InstagateVersion {
    public static let current = "0.1.0"
}
