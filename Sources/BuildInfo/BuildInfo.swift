/// What build of AxSim is running: the git commit it was built from, stamped by the
/// BuildInfoPlugin at build time.
public enum BuildInfo {
  /// The full hash of the commit this executable was built from, with `+dirty` when the
  /// checkout had uncommitted changes to tracked files, or "unknown" when it was not built
  /// from a git checkout (or git was missing).
  public static let commit: String = generatedCommit
}
