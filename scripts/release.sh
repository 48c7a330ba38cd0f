#!/usr/bin/env bash
# scripts/release.sh VERSION: the one way bedrockctl's release archives are made, here and in CI.
#
# Builds the committed sources (HEAD) in release mode with VERSION baked in (`bedrockctl --version`
# prints it), the Swift runtime and libyaml linked statically, strips the binary, and writes
#   dist/bedrockctl-VERSION-linux-ARCH.tar.gz   (bin/bedrockctl, the man page, shell completions)
#   dist/SHA256SUMS                             (as sha256sum prints it, one line per archive)
# then checks its own output: the binary, unpacked into an empty folder and run with a clean
# environment, prints VERSION and validates examples/; `ldd` names nothing but the C library
# and its loader. Where the Static Linux SDK is installed (`swift sdk list` names one for this
# architecture), the binary is built fully static with it instead, and `ldd` must find no dynamic
# dependency at all; BEDROCKCTL_LIBYAML_STATIC_DIR must then hold a libyaml.a built for musl.
#
# `--binary PATH` packs and checks a binary built elsewhere instead of building one (the tests pack
# their own build this way); its `ldd` is shown, not checked, since it is no release build.
#
# Environment: BEDROCKCTL_RELEASE_WORK (default .build-release, the build folder, kept between runs
# so that a second release builds incrementally) and BEDROCKCTL_RELEASE_DIST (default dist).
set -euo pipefail

fail() { echo "release: $*" >&2; exit 1; }

usage() {
  echo "usage: scripts/release.sh VERSION [--binary PATH]   (VERSION: X.Y.Z or X.Y.Z-PRERELEASE, such as 0.1.0)" >&2
  exit 64
}
version=${1:-}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || usage
given=''
if [ $# -gt 1 ]; then
  [ $# -eq 3 ] && [ "$2" = --binary ] || usage
  given=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
  [ -x "$given" ] || fail "--binary $3 is not an executable file"
fi

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BEDROCKCTL_RELEASE_WORK:-$root/.build-release}
dist=${BEDROCKCTL_RELEASE_DIST:-$root/dist}
case "$(uname -m)" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=aarch64 ;;
  *) fail "no release is made for the architecture $(uname -m) (x86_64 and aarch64 are)" ;;
esac
[ "$(uname -s)" = Linux ] || fail "releases are built on Linux, not $(uname -s)"
name="bedrockctl-$version-linux-$arch"

# The sources: HEAD as committed, so that a release is a commit (uncommitted changes are left out).
commit=$(git -C "$root" rev-parse HEAD)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "release: building HEAD ($commit); uncommitted changes are not in the release" >&2
fi
src="$work/src"
rm -rf "$src"
mkdir -p "$src"
git -C "$root" archive --format=tar HEAD | tar -xf - -C "$src"
version_file="$src/Sources/Manifest/BedrockctlVersion.swift"
sed -i -E "s/(public static let current = )\"[^\"]*\"/\\1\"$version\"/" "$version_file"
grep -q "current = \"$version\"" "$version_file" || fail "could not write the version into $version_file"

# The build: a given binary, or the Static Linux SDK when installed, else glibc with the Swift runtime and libyaml static.
sdk=$(swift sdk list 2>/dev/null | grep -E "^$arch-swift-linux-musl|static-linux" | head -n 1 || true)
flags=(-c release --package-path "$src" --build-path "$work/build" --product bedrockctl)
if [ -n "$given" ]; then
  echo "release: packing $given as $name (not built here: ldd is shown, not checked)"
  mode=given
elif [ -n "$sdk" ]; then
  libyaml=${BEDROCKCTL_LIBYAML_STATIC_DIR:-}
  [ -f "$libyaml/libyaml.a" ] || fail "with the Static Linux SDK, set BEDROCKCTL_LIBYAML_STATIC_DIR to a folder \
holding a libyaml.a built for musl (see .github/workflows/release.yml)"
  # SwiftPM reads a yaml-0.1.pc naming the musl library, not the host's (whose -L names glibc's).
  mkdir -p "$work/musl-pkgconfig"
  cat > "$work/musl-pkgconfig/yaml-0.1.pc" <<PC
Name: LibYAML
Description: libyaml built for musl, linked statically into the bedrockctl release
Version: 0.2.5
Cflags:
Libs: -L$libyaml -lyaml
PC
  export PKG_CONFIG_PATH="$work/musl-pkgconfig" PKG_CONFIG_LIBDIR="$work/musl-pkgconfig"
  echo "release: building $name with the Static Linux SDK ($arch-swift-linux-musl), fully static"
  flags+=(--swift-sdk "$arch-swift-linux-musl")
  mode=static
else
  libdir=$(pkg-config --variable=libdir yaml-0.1 2>/dev/null) || fail "libyaml is not installed (apt-get install libyaml-dev)"
  [ -f "$libdir/libyaml.a" ] || fail "$libdir/libyaml.a is missing: libyaml-dev ships it"
  # A folder holding only static libraries, searched first: libyaml's own yaml-0.1.pc names
  # -L$libdir, where the shared library is, so SwiftPM reads a copy that names this folder instead.
  # zlib (NIO's compression), libstdc++ (the Swift runtime's C++) and its unwinder are linked from
  # it too, so that the binary needs glibc alone.
  static="$work/static"
  rm -rf "$static"
  mkdir -p "$static/pkgconfig"
  ln -s "$libdir/libyaml.a" "$static/libyaml.a"
  zlib=$(gcc -print-file-name=libz.a 2>/dev/null || true)
  [ -f "$zlib" ] || zlib="$libdir/libz.a"
  [ -f "$zlib" ] || fail "libz.a is missing: install zlib1g-dev"
  ln -s "$zlib" "$static/libz.a"
  stdcxx=$(gcc -print-file-name=libstdc++.a 2>/dev/null || true)
  [ -f "$stdcxx" ] || fail "libstdc++.a is missing: install libstdc++-dev (g++ brings it)"
  ln -s "$stdcxx" "$static/libstdc++.a"
  # The C++ runtime's unwinder: what clang's -static-libgcc links (libgcc_eh) in place of the
  # shared libgcc_s, found here under the name the driver asks for.
  unwinder=$(gcc -print-file-name=libgcc_eh.a 2>/dev/null || true)
  [ -f "$unwinder" ] || fail "libgcc_eh.a is missing: install gcc"
  ln -s "$unwinder" "$static/libgcc_s.a"
  cat > "$static/pkgconfig/yaml-0.1.pc" <<PC
Name: LibYAML
Description: libyaml, linked statically into the bedrockctl release
Version: $(pkg-config --modversion yaml-0.1)
Cflags: -I$(pkg-config --variable=includedir yaml-0.1)
Libs: -L$static -lyaml
PC
  export PKG_CONFIG_PATH="$static/pkgconfig"
  echo "release: building $name against glibc; the Swift runtime, libyaml, zlib and libstdc++ static"
  flags+=(--static-swift-stdlib)
  mode=glibc
fi
if [ -n "$given" ]; then
  built=$given
else
  built="$(swift build "${flags[@]}" --show-bin-path)/bedrockctl"
  # Linked again every time: the libraries it is linked with are not inputs SwiftPM tracks.
  rm -f "$built"
  swift build "${flags[@]}"
fi

# The archive: the stripped binary, the man page (docs/man, generated by swift-argument-parser's
# generate-manual plugin and kept current by the tests), the completions, README and CHANGELOG.
stage="$work/stage/$name"
rm -rf "$work/stage"
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
  "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
strip -o "$stage/bin/bedrockctl" "$built"
chmod 755 "$stage/bin/bedrockctl"
cp "$src/docs/man/bedrockctl.1" "$stage/share/man/man1/bedrockctl.1"
"$stage/bin/bedrockctl" --generate-completion-script bash > "$stage/share/bash-completion/completions/bedrockctl"
"$stage/bin/bedrockctl" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_bedrockctl"
"$stage/bin/bedrockctl" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/bedrockctl.fish"
cp "$src/README.md" "$src/CHANGELOG.md" "$stage/"
mkdir -p "$dist"
archive="$dist/$name.tar.gz"
# Reproducible: sorted names, no owner, times of the commit.
stamp=$(git -C "$root" log -1 --format=%ct HEAD)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -C "$work/stage" -cf - "$name" \
  | gzip -n -9 > "$archive"
# SHA256SUMS lists this version's archives in dist/ (a release of two architectures merges the
# lists of its two builds); another version's left in dist/ is not named.
(cd "$dist" && sha256sum -- "bedrockctl-$version-"*.tar.gz > SHA256SUMS)

# The self-check: unpack into an empty folder and run with nothing of this environment.
check="$work/check"
rm -rf "$check"
mkdir -p "$check/home"
(cd "$dist" && sha256sum --check --quiet --ignore-missing SHA256SUMS) || fail "SHA256SUMS does not match"
tar -xzf "$archive" -C "$check"
binary="$check/$name/bin/bedrockctl"
cp -r "$src/examples" "$check/examples"
clean=(env -i HOME="$check/home" PATH=/usr/bin:/bin)
printed=$("${clean[@]}" "$binary" --version)
[ "$printed" = "$version" ] || fail "--version printed \"$printed\", not $version"
(cd "$check" && "${clean[@]}" "$binary" validate examples/ > /dev/null) || fail "validate examples/ failed"
(cd "$check" && "${clean[@]}" "$binary" plan --sandbox .bedrockctl/sandbox examples/ > /dev/null) \
  || fail "plan --sandbox of examples/ failed"
dependencies=$(ldd "$binary" 2>&1 || true)
if [ "$mode" = given ]; then
  :
elif [ "$mode" = static ]; then
  echo "$dependencies" | grep -Eq "not a dynamic executable|statically linked" \
    || fail "the static binary has dynamic dependencies: $dependencies"
else
  # glibc's own libraries (libc, libm, libdl, libpthread, librt, libutil) and its loader, nothing more.
  others=$(echo "$dependencies" | grep -vE "linux-vdso|ld-linux|/ld64|lib(c|m|dl|pthread|rt|util)\.so" || true)
  [ -z "$others" ] || fail "the binary needs libraries outside the C library: $others"
fi
echo "release: $archive ($(du -h "$archive" | cut -f1)), $mode, commit $commit"
echo "release: checked: --version prints $version; validate and plan of examples/ in a clean environment; ldd:"
echo "$dependencies" | sed 's/^/  /'
cat "$dist/SHA256SUMS"
