/// The Instagram domain: URL parsing, shortcodes and media ids, the web API client, media and metadata.
public enum Instagram {}
