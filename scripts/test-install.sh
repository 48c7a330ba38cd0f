#!/usr/bin/env bash
# Tests scripts/install.sh (the GitHub Action's install step) against a release, offline.
#
#   scripts/test-install.sh            # against a fake release made here (a shell script stands in
#                                      # for bedrockctl, for x86_64 and aarch64)
#   scripts/test-install.sh dist       # against what scripts/release.sh wrote: archives + SHA256SUMS
#   scripts/test-install.sh RELEASE    # against a folder laid out as GitHub serves releases:
#                                      # download/vVERSION/ASSETS and latest/download/ASSETS
#   scripts/test-install.sh --fake-release DIR [VERSION]
#                                      # only writes the fake release (default 0.0.0-test) to DIR,
#                                      # laid out as above (CI runs the Action against it)
#
# The given folder is only read (tampered copies are made in a temporary folder). With a real
# release, only this machine's archive is installed, and the checks that need a fake archive
# (other architectures, a binary printing another version, a stray folder) are skipped.
# Every check prints "ok" or "FAIL" and its name; the exit status is 1 when any failed.
#
# Settings: BEDROCKCTL_TEST_SHELL (the shell install.sh runs under; default sh),
# KEEP=1 (keep the temporary folder and print its path).

# Compound expectations are written check NAME eval '...', expanded when checked.
# shellcheck disable=SC2016
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
installer="$here/install.sh"
shell_under_test=${BEDROCKCTL_TEST_SHELL:-sh}

failures=0
checks=0
server_pid=''
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bedrockctl-test-install.XXXXXX")

cleanup() {
  # SIGKILL: a process started by a test runner may have SIGTERM blocked, and so would its server.
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  if [ "${KEEP:-}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

die() { echo "test-install: $*" >&2; exit 2; }

case $(uname -m) in
  x86_64 | amd64) host_arch=x86_64 ;;
  aarch64 | arm64) host_arch=aarch64 ;;
  *) die "this machine ($(uname -m)) has no bedrockctl release to test" ;;
esac
[ "$(uname -s)" = Linux ] || die "install.sh installs Linux releases; run this on Linux"
command -v sha256sum >/dev/null || die "sha256sum is needed"

# --- the release under test -------------------------------------------------------------------

srv="$tmp/srv"        # everything the HTTP server serves: rel/ and the tampered copies
rel="$srv/rel"
mkdir -p "$srv" "$tmp/home" "$tmp/t"

# make_archive DIR VERSION ARCH [PRINTED_VERSION [TOP]]: a fake release archive in DIR.
make_archive() {
  local dir=$1 v=$2 a=$3 printed=${4:-$2} top=${5:-bedrockctl-$2-linux-$3}
  local work="$tmp/build.$RANDOM$RANDOM"
  local root="$work/$top"
  mkdir -p "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d" "$dir"
  cat >"$root/bin/bedrockctl" <<EOF
#!/bin/sh
# A stand-in for bedrockctl $v ($a), made by scripts/test-install.sh.
case "\${1:-}" in
  --version) echo "$printed" ;;
  *) echo "fake bedrockctl $v" ;;
esac
EOF
  chmod 755 "$root/bin/bedrockctl"
  echo '.TH BEDROCKCTL 1' >"$root/share/man/man1/bedrockctl.1"
  echo 'complete -W "plan apply" bedrockctl' >"$root/share/bash-completion/completions/bedrockctl"
  echo '#compdef bedrockctl' >"$root/share/zsh/site-functions/_bedrockctl"
  echo 'complete -c bedrockctl' >"$root/share/fish/vendor_completions.d/bedrockctl.fish"
  echo '# bedrockctl' >"$root/README.md"
  echo '# Changelog' >"$root/CHANGELOG.md"
  tar -czf "$dir/bedrockctl-$v-linux-$a.tar.gz" -C "$work" "$top"
  rm -rf "$work"
}

sums() { (cd "$1" && sha256sum -- *.tar.gz >SHA256SUMS); }

# make_fake_release DIR VERSION: download/vVERSION/ and latest/download/, both architectures.
make_fake_release() {
  local a
  for a in x86_64 aarch64; do make_archive "$1/download/v$2" "$2" "$a"; done
  sums "$1/download/v$2"
  mkdir -p "$1/latest"
  cp -R "$1/download/v$2" "$1/latest/download"
}

if [ "${1:-}" = --fake-release ]; then
  [ $# -ge 2 ] && [ $# -le 3 ] || die "usage: scripts/test-install.sh --fake-release DIR [VERSION]"
  [ ! -e "$2/download" ] && [ ! -e "$2/latest" ] || die "$2 already holds a release"
  make_fake_release "$2" "${3:-0.0.0-test}"
  echo "wrote a fake bedrockctl ${3:-0.0.0-test} release to $2"
  exit 0
fi

fake=0
if [ $# -eq 0 ]; then
  fake=1
  version=0.0.0-test
  make_fake_release "$rel" "$version"
  echo "release under test: a fake $version (made in $rel)"
elif [ $# -eq 1 ]; then
  src=$(cd "$1" 2>/dev/null && pwd) || die "no folder $1"
  if [ -d "$src/download" ]; then
    cp -R "$src" "$rel"
    if [ -f "$rel/latest/download/SHA256SUMS" ]; then
      name=$(awk -v a="$host_arch" '$2 ~ ("^bedrockctl-.*-linux-" a "\\.tar\\.gz$") { print $2; exit }' \
        "$rel/latest/download/SHA256SUMS")
      version=${name#bedrockctl-}
      version=${version%-linux-"$host_arch".tar.gz}
    else
      set -- "$rel"/download/v*
      [ $# -eq 1 ] && [ -d "$1" ] || die "$src/download holds several versions (or none) and $src has no latest/"
      version=${1##*/v}
    fi
  elif [ -f "$src/SHA256SUMS" ]; then
    set -- "$src"/bedrockctl-*-linux-"$host_arch".tar.gz
    [ $# -eq 1 ] && [ -f "$1" ] || die "$src holds no single bedrockctl-*-linux-$host_arch.tar.gz"
    version=${1##*/bedrockctl-}
    version=${version%-linux-"$host_arch".tar.gz}
    mkdir -p "$rel/download/v$version" "$rel/latest/download"
    cp "$src"/SHA256SUMS "$src"/*.tar.gz "$rel/download/v$version/"
    cp "$src"/SHA256SUMS "$src"/*.tar.gz "$rel/latest/download/"
  else
    die "$src is neither a release folder (download/vVERSION/) nor a dist folder (SHA256SUMS and archives)"
  fi
  [ -n "$version" ] || die "could not tell the version of the release in $src"
  echo "release under test: $version from $src"
else
  die "usage: scripts/test-install.sh [RELEASE_FOLDER | DIST_FOLDER]"
fi

asset="bedrockctl-$version-linux-$host_arch.tar.gz"
pinned="$rel/download/v$version"
[ -f "$pinned/$asset" ] || die "the release has no $asset for this machine"
[ -f "$pinned/SHA256SUMS" ] || die "the release has no download/v$version/SHA256SUMS"
have_latest=0
[ -f "$rel/latest/download/SHA256SUMS" ] && have_latest=1
digest=$(sha256sum "$pinned/$asset" | cut -d' ' -f1)
url="file://$rel"
echo "installer: $shell_under_test $installer"

# --- running the installer ----------------------------------------------------------------------

# inst CASE VAR=VALUE...: runs install.sh in a clean environment (nothing inherited from a CI job:
# its own GITHUB_OUTPUT and GITHUB_PATH), with GITHUB_OUTPUT and GITHUB_PATH in $tmp/cases/CASE/.
# Sets $c to that folder (stdout, stderr, status, output, path).
inst() {
  c="$tmp/cases/$1"
  shift
  mkdir -p "$c"
  : >"$c/output"
  : >"$c/path"
  env -i PATH="$PATH" HOME="$tmp/home" TMPDIR="$tmp/t" LC_ALL=C \
    GITHUB_OUTPUT="$c/output" GITHUB_PATH="$c/path" "$@" \
    "$shell_under_test" "$installer" >"$c/stdout" 2>"$c/stderr"
  echo $? >"$c/status"
}

# check NAME COMMAND...: one expectation.
check() {
  local name=$1
  shift
  checks=$((checks + 1))
  if "$@"; then
    echo "ok   - $name"
  else
    failures=$((failures + 1))
    echo "FAIL - $name"
    if [ -n "${c:-}" ] && [ -d "$c" ]; then
      echo "       status $(cat "$c/status" 2>/dev/null); stdout:"
      sed 's/^/         | /' "$c/stdout" 2>/dev/null
      echo "       stderr:"
      sed 's/^/         | /' "$c/stderr" 2>/dev/null
    fi
  fi
}
skip() { echo "skip - $1"; }

status_is() { [ "$(cat "$c/status")" = "$1" ]; }
succeeded() { status_is 0; }
refused() { status_is 1 && grep -q '^::error::' "$c/stderr"; }
says() { grep -qF -- "$2" "$c/$1"; }
says_not() { ! grep -qF -- "$2" "$c/$1"; }
nothing_reported() { [ ! -s "$c/output" ] && [ ! -s "$c/path" ]; }
absent() { [ ! -e "$1" ] && [ ! -L "$1" ]; }
output_is() { # VERSION DIR: GITHUB_OUTPUT and GITHUB_PATH name DIR's bedrockctl
  [ "$(cat "$c/output")" = "version=$1${NL}path=$2/bin/bedrockctl" ] && [ "$(cat "$c/path")" = "$2/bin" ]
}
prints_version() { [ "$("$1/bin/bedrockctl" --version)" = "$2" ]; }
marker_is() { [ "$(cat "$1/.sha256")" = "$2  $3" ]; }
no_stage_left() {
  local f
  for f in "$1"/.bedrockctl-install.*; do [ -e "$f" ] && return 1; done
  return 0
}
complete_install() {
  local d=$1 f
  for f in bin/bedrockctl share/man/man1/bedrockctl.1 share/bash-completion/completions/bedrockctl \
    share/zsh/site-functions/_bedrockctl share/fish/vendor_completions.d/bedrockctl.fish README.md CHANGELOG.md; do
    [ -f "$d/$f" ] || { echo "       missing $d/$f"; return 1; }
  done
}
NL='
'

# A copy of the release to spoil: copy_release NAME → $srv/NAME.
copy_release() { rm -rf "${srv:?}/$1"; cp -R "$rel" "$srv/$1"; }

inst_root="$tmp/installs"
mkdir -p "$inst_root"

# --- checks ---------------------------------------------------------------------------------------

echo "# a pinned version from file://"
d="$inst_root/pinned"
inst pinned BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$d"
check "pinned: exits 0" succeeded
check "pinned: GITHUB_OUTPUT has version= and path=, GITHUB_PATH the bin folder" output_is "$version" "$d"
check "pinned: the installed bedrockctl prints $version" prints_version "$d" "$version"
check "pinned: bin, man page, completions, README and CHANGELOG installed" complete_install "$d"
check "pinned: stdout names the version and the path" says stdout "bedrockctl $version installed: $d/bin/bedrockctl"
check "pinned: the marker holds the verified digest" marker_is "$d" "$digest" "$asset"
check "pinned: no staging folder left beside it" no_stage_left "$inst_root"

inst v-prefix BEDROCKCTL_VERSION="v$version" BEDROCKCTL_RELEASES="$url/" BEDROCKCTL_INSTALL_DIR="$inst_root/v-prefix"
check "a leading v (and a trailing / on the URL) is accepted" output_is "$version" "$inst_root/v-prefix"

inst no-github BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/no-github" \
  GITHUB_OUTPUT= GITHUB_PATH=
check "without GITHUB_OUTPUT and GITHUB_PATH: installs and prints the path" \
  eval 'succeeded && says stdout "installed: $inst_root/no-github/bin/bedrockctl"'

inst tool-cache BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" RUNNER_TOOL_CACHE="$tmp/tool-cache"
check "default folder: \$RUNNER_TOOL_CACHE/bedrockctl/$version/$host_arch" \
  output_is "$version" "$tmp/tool-cache/bedrockctl/$version/$host_arch"
inst home BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url"
check "default folder without a tool cache: ~/.local/share/bedrockctl/$version/$host_arch" \
  output_is "$version" "$tmp/home/.local/share/bedrockctl/$version/$host_arch"

echo "# an install already in place (a cache): re-verified against a fresh SHA256SUMS every time"
inst reuse-offline BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$tmp/nowhere" BEDROCKCTL_INSTALL_DIR="$d"
check "offline, an install in place is not trusted (SHA256SUMS cannot be read)" eval 'refused && nothing_reported'
# A release folder with SHA256SUMS and no archive: only the cached archive can be installed.
mkdir -p "$tmp/sums-only/download/v$version"
cp "$rel/download/v$version/SHA256SUMS" "$tmp/sums-only/download/v$version/"
inst reuse BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$tmp/sums-only" BEDROCKCTL_INSTALL_DIR="$d"
check "the cached archive, checked against SHA256SUMS, is installed without downloading it" \
  eval 'succeeded && says stdout "using the cached archive" && says stdout "verified $asset"'
check "... and reported" output_is "$version" "$d"

cp -R "$d" "$inst_root/edited"
echo tampered >>"$inst_root/edited/bin/bedrockctl"
inst edited BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$tmp/sums-only" BEDROCKCTL_INSTALL_DIR="$inst_root/edited"
check "an install whose files changed is unpacked again from its verified archive" \
  eval 'succeeded && says stdout replacing && cmp -s "$d/bin/bedrockctl" "$inst_root/edited/bin/bedrockctl"'

cp -R "$d" "$inst_root/extra"
printf '#!/bin/sh\necho shadowed\n' >"$inst_root/extra/bin/git"
inst extra BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$tmp/sums-only" BEDROCKCTL_INSTALL_DIR="$inst_root/extra"
check "an install with a file added (bin/git) is replaced, the added file gone" \
  eval 'succeeded && absent "$inst_root/extra/bin/git"'

cp -R "$d" "$inst_root/poisoned"
printf '#!/bin/sh\necho %s\n' "$version" >"$inst_root/poisoned/bin/bedrockctl"
if [ -f "$inst_root/poisoned/.archive.tar.gz" ]; then printf 'x' >>"$inst_root/poisoned/.archive.tar.gz"; fi
(cd "$inst_root/poisoned" && find . ! -type d ! -name .sha256 ! -name .files.sha256 ! -name .archive.tar.gz |
  LC_ALL=C sort | while IFS= read -r f; do sha256sum "$f"; done >"$tmp/poisoned.sums")
mv "$tmp/poisoned.sums" "$inst_root/poisoned/.files.sha256"
inst poisoned-sums-only BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$tmp/sums-only" \
  BEDROCKCTL_INSTALL_DIR="$inst_root/poisoned"
check "a poisoned cache (binary, archive and lists rewritten) is refused when the archive cannot be downloaded" \
  eval 'refused && nothing_reported'
inst poisoned BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/poisoned"
check "... and replaced by the release's archive when it can" \
  eval 'succeeded && says stdout "does not match SHA256SUMS" && cmp -s "$d/bin/bedrockctl" "$inst_root/poisoned/bin/bedrockctl"'

cp -R "$d" "$inst_root/no-marker"
rm "$inst_root/no-marker/.sha256"
inst no-marker BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/no-marker"
check "a folder without the marker is neither trusted nor overwritten" \
  eval 'refused && says stderr "not a bedrockctl install" && absent "$inst_root/no-marker/.sha256" && [ -f "$inst_root/no-marker/README.md" ]'

mkdir -p "$inst_root/foreign"
echo keep >"$inst_root/foreign/data"
inst foreign BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/foreign"
check "an unrelated folder is left alone" eval 'refused && [ "$(cat "$inst_root/foreign/data")" = keep ] && nothing_reported'

echo "# latest"
if [ "$have_latest" = 1 ]; then
  inst latest BEDROCKCTL_VERSION=latest BEDROCKCTL_RELEASES="$url" RUNNER_TOOL_CACHE="$tmp/tc-latest"
  ld="$tmp/tc-latest/bedrockctl/$version/$host_arch"
  check "latest: installs $version, learnt from latest/download/SHA256SUMS" output_is "$version" "$ld"
  check "latest: the installed bedrockctl prints $version" prints_version "$ld" "$version"
  check "latest: stdout says which version latest is" says stdout "latest is $version"
  inst latest-again BEDROCKCTL_VERSION=latest BEDROCKCTL_RELEASES="$url" RUNNER_TOOL_CACHE="$tmp/tc-latest"
  check "latest: an install in place is not used (downloaded again)" \
    eval 'succeeded && says_not stdout "using the cached archive" && says stdout "verified $asset"'
  inst latest-offline BEDROCKCTL_VERSION=latest BEDROCKCTL_RELEASES="file://$tmp/nowhere" RUNNER_TOOL_CACHE="$tmp/tc-latest"
  check "latest: offline, fails even with an install in place" eval 'refused && nothing_reported'
else
  skip "latest: the release folder has no latest/"
fi

echo "# refusals: nothing installed"
copy_release tampered
printf 'x' >>"$srv/tampered/download/v$version/$asset"
# shellcheck disable=SC2034 # (read in the eval below)
bad=$(sha256sum "$srv/tampered/download/v$version/$asset" | cut -d' ' -f1)
t="$inst_root/tampered/deep/dir"
inst tampered BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$srv/tampered" BEDROCKCTL_INSTALL_DIR="$t"
check "tampered archive: exit 1 with ::error::" refused
check "tampered archive: the message names the file, the expected and the actual digest" \
  eval 'says stderr "checksum mismatch for $asset" && says stderr "expects $digest" && says stderr "is $bad"'
check "tampered archive: nothing installed (no folder made), nothing reported" \
  eval 'absent "$inst_root/tampered" && nothing_reported'
if [ "$have_latest" = 1 ]; then
  printf 'x' >>"$srv/tampered/latest/download/$asset"
  inst tampered-latest BEDROCKCTL_VERSION=latest BEDROCKCTL_RELEASES="file://$srv/tampered" RUNNER_TOOL_CACHE="$tmp/tc-tampered"
  check "tampered archive under latest: refused, nothing installed" \
    eval 'refused && says stderr "checksum mismatch" && absent "$tmp/tc-tampered" && nothing_reported'
fi

copy_release no-line
grep -vF "  $asset" "$rel/download/v$version/SHA256SUMS" >"$srv/no-line/download/v$version/SHA256SUMS"
inst no-line BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$srv/no-line" BEDROCKCTL_INSTALL_DIR="$inst_root/no-line"
check "SHA256SUMS without the archive's line: refused, nothing installed" \
  eval 'refused && says stderr "no line" && says stderr "$asset" && absent "$inst_root/no-line" && nothing_reported'

copy_release prefix-line
sed "s|  $asset\$|  old-$asset|" "$rel/download/v$version/SHA256SUMS" >"$srv/prefix-line/download/v$version/SHA256SUMS"
inst prefix-line BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$srv/prefix-line" BEDROCKCTL_INSTALL_DIR="$inst_root/prefix-line"
check "a line for another name ending in the archive's name does not count" \
  eval 'refused && absent "$inst_root/prefix-line"'

copy_release no-sums
rm "$srv/no-sums/download/v$version/SHA256SUMS"
inst no-sums BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$srv/no-sums" BEDROCKCTL_INSTALL_DIR="$inst_root/no-sums"
check "no SHA256SUMS: refused, nothing installed" eval 'refused && absent "$inst_root/no-sums" && nothing_reported'

copy_release no-archive
rm "$srv/no-archive/download/v$version/$asset"
inst no-archive BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$srv/no-archive" BEDROCKCTL_INSTALL_DIR="$inst_root/no-archive"
check "no archive: refused, naming it" eval 'refused && says stderr "$asset" && absent "$inst_root/no-archive"'

inst unknown BEDROCKCTL_VERSION=99.99.99 BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/unknown"
check "a version that was never released: refused" eval 'refused && says stderr "99.99.99" && absent "$inst_root/unknown"'

inst macos BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/macos" \
  BEDROCKCTL_OS=Darwin BEDROCKCTL_ARCH=arm64
check "macOS: refused, naming what was found and what releases exist" \
  eval 'refused && says stderr "Darwin arm64" && says stderr "linux x86_64 and linux aarch64" && absent "$inst_root/macos"'
inst windows BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/windows" \
  BEDROCKCTL_OS=MINGW64_NT-10.0-20348 BEDROCKCTL_ARCH=x86_64
check "Windows: refused" eval 'refused && says stderr "Windows" && says stderr MINGW64_NT && absent "$inst_root/windows"'
inst riscv BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/riscv" \
  BEDROCKCTL_OS=Linux BEDROCKCTL_ARCH=riscv64
check "another architecture (riscv64): refused" eval 'refused && says stderr riscv64 && absent "$inst_root/riscv"'

inst no-version BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/no-version"
check "no BEDROCKCTL_VERSION: refused" eval 'refused && says stderr BEDROCKCTL_VERSION'
for bad_version in 1.2 v 1.2.3.4 ../../etc latest2 '1.2.3 ' "1.2.3${NL}4.5.6"; do
  inst bad-version BEDROCKCTL_VERSION="$bad_version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/bad-version"
  check "version '${bad_version//$NL/\\n}': refused" eval 'refused && absent "$inst_root/bad-version"'
done
inst injection BEDROCKCTL_VERSION="1.0${NL}::warning::injected" BEDROCKCTL_RELEASES="$url"
check "a line break in a setting cannot start a workflow command of its own" \
  eval 'refused && [ "$(grep -c "^::" "$c/stderr")" = 1 ] && ! grep -q "^::warning::" "$c/stderr"'

inst plain-http BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES=http://example.com/releases BEDROCKCTL_INSTALL_DIR="$inst_root/plain-http"
check "plain http to another machine: refused before any download" eval 'refused && says stderr "plain http"'
inst userinfo BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES=http://127.0.0.1:80@example.com/releases BEDROCKCTL_INSTALL_DIR="$inst_root/userinfo"
check "http://127.0.0.1:80@another-host (a user name, not loopback): refused" eval 'refused && absent "$inst_root/userinfo"'
inst bad-repo BEDROCKCTL_VERSION="$version" BEDROCKCTL_REPOSITORY='evil.com/x/y' BEDROCKCTL_INSTALL_DIR="$inst_root/bad-repo"
check "a repository that is not OWNER/NAME: refused" eval 'refused && says stderr "not OWNER/NAME"'

echo "# fake archives (other architectures, wrong contents)"
if [ "$fake" = 1 ]; then
  inst arm64 BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" BEDROCKCTL_INSTALL_DIR="$inst_root/arm64" \
    BEDROCKCTL_OS=Linux BEDROCKCTL_ARCH=arm64
  check "arm64 is aarch64" eval 'succeeded && marker_is "$inst_root/arm64" "$(sha256sum "$pinned/bedrockctl-$version-linux-aarch64.tar.gz" | cut -d" " -f1)" "bedrockctl-$version-linux-aarch64.tar.gz"'
  inst amd64 BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$url" RUNNER_TOOL_CACHE="$tmp/tc-amd64" \
    BEDROCKCTL_OS=Linux BEDROCKCTL_ARCH=amd64
  check "amd64 is x86_64" output_is "$version" "$tmp/tc-amd64/bedrockctl/$version/x86_64"

  mkdir -p "$srv/wrong-version/download/v$version"
  make_archive "$srv/wrong-version/download/v$version" "$version" "$host_arch" 9.9.9
  sums "$srv/wrong-version/download/v$version"
  inst wrong-version BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$srv/wrong-version" \
    BEDROCKCTL_INSTALL_DIR="$inst_root/wrong-version"
  check "a bedrockctl that prints another version: refused, nothing installed" \
    eval 'refused && says stderr "printed '"'"'9.9.9'"'"'" && absent "$inst_root/wrong-version" && no_stage_left "$inst_root" && nothing_reported'

  mkdir -p "$srv/wrong-top/download/v$version"
  make_archive "$srv/wrong-top/download/v$version" "$version" "$host_arch" "$version" other-folder
  sums "$srv/wrong-top/download/v$version"
  inst wrong-top BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="file://$srv/wrong-top" \
    BEDROCKCTL_INSTALL_DIR="$inst_root/wrong-top"
  check "an archive whose files are outside bedrockctl-$version-linux-$host_arch/: refused" \
    eval 'refused && says stderr "outside its folder" && absent "$inst_root/wrong-top"'
else
  skip "arm64/amd64 names, a wrong --version, a stray folder: need the fake release (run without arguments)"
fi

echo "# over HTTP (python3 -m http.server --bind 127.0.0.1)"
if command -v python3 >/dev/null 2>&1; then
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$srv" >"$tmp/http.log" 2>&1 &
  server_pid=$!
  port=''
  for _ in $(seq 100); do
    port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$tmp/http.log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    check "the HTTP server started" false
  else
    http="http://127.0.0.1:$port"
    inst http BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$http/rel" BEDROCKCTL_INSTALL_DIR="$inst_root/http"
    check "http: a pinned version installs" eval 'output_is "$version" "$inst_root/http" && prints_version "$inst_root/http" "$version"'
    if [ "$have_latest" = 1 ]; then
      inst http-latest BEDROCKCTL_VERSION=latest BEDROCKCTL_RELEASES="$http/rel" RUNNER_TOOL_CACHE="$tmp/tc-http"
      check "http: latest installs $version" output_is "$version" "$tmp/tc-http/bedrockctl/$version/$host_arch"
    fi
    inst http-tampered BEDROCKCTL_VERSION="$version" BEDROCKCTL_RELEASES="$http/tampered" BEDROCKCTL_INSTALL_DIR="$inst_root/http-tampered"
    check "http: a tampered archive is refused, nothing installed" \
      eval 'refused && says stderr "checksum mismatch for $asset" && absent "$inst_root/http-tampered"'
    inst http-missing BEDROCKCTL_VERSION=99.99.99 BEDROCKCTL_RELEASES="$http/rel" BEDROCKCTL_INSTALL_DIR="$inst_root/http-missing"
    check "http: a missing release (404) is refused" eval 'refused && absent "$inst_root/http-missing"'
  fi
else
  skip "http: python3 is not installed"
fi

echo "$((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
