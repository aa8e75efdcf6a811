import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` before every build of the executable: the git commit the build
/// comes from, for `evidence --version` and bug reports ("unknown" outside a git checkout), and
/// whether the work tree had uncommitted changes to tracked files.
///
/// The file is rewritten only when its content changes, so an unchanged commit recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let script = """
            commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
            if [ "$commit" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
              commit="$commit+changes"
            fi
            mkdir -p "$2"
            printf '/// The git commit this build comes from (written by BuildInfoPlugin).\\nlet buildCommit = "%s"\\n' "$commit" > "$2/BuildCommit.swift.new"
            if cmp -s "$2/BuildCommit.swift.new" "$2/BuildCommit.swift"; then rm "$2/BuildCommit.swift.new"
            else mv "$2/BuildCommit.swift.new" "$2/BuildCommit.swift"; fi
            """
        return [
            .prebuildCommand(
                displayName: "Writing the build's git commit",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, folder.path],
                outputFilesDirectory: folder)
        ]
    }
}
