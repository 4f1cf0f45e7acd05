/// The Portal release the curl adapters belong to, as sent in the default `User-Agent`.
public enum PortalCurlRelease {
    /// The release version, e.g. `0.1.0`.
    public static let version = "0.1.0"
}
