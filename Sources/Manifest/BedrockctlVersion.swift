/// This bedrockctl's version: what `--version` prints, what saved plans record and what the workflow
/// `init` writes installs. The newest release in CHANGELOG.md (a test keeps them the same);
/// `scripts/release.sh VERSION` writes the version it builds here, in its copy of the sources.
public enum BedrockctlVersion {
    public static let current = "0.1.0"
}
