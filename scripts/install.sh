#!/bin/sh
# Installs a bedrockctl release: the install step of the GitHub Action (action.yml), and usable alone:
#
#   BEDROCKCTL_VERSION=0.1.0 sh scripts/install.sh
#
# Settings (environment):
#   BEDROCKCTL_VERSION      required: X.Y.Z or X.Y.Z-PRE (a leading v is accepted), or latest.
#   BEDROCKCTL_REPOSITORY   the GitHub repository of the releases (default bedrockctl/bedrockctl).
#   BEDROCKCTL_RELEASES     the releases' base URL (default https://github.com/REPOSITORY/releases):
#                           version V is read from BASE/download/vV/, latest from BASE/latest/download/.
#                           https://, file:// or http:// to this machine (127.0.0.1, localhost, [::1]).
#   BEDROCKCTL_INSTALL_DIR  where to install (default ${RUNNER_TOOL_CACHE:-$HOME/.local/share}/
#                           bedrockctl/VERSION/ARCH); bin/bedrockctl is under it.
#   BEDROCKCTL_OS, BEDROCKCTL_ARCH  stand in for `uname -s` and `uname -m` (for tests).
#
# The archive is always checked against the release's SHA256SUMS before anything is installed;
# there is no way to skip that. Then it is unpacked next to the install folder, its bedrockctl
# must print the version, and only then is it moved into place, with a marker (.sha256) saying
# which verified archive it came from. A folder that holds that marker for the version asked for
# (restored from a cache, say) is used as it is, after its files are checked against the list the
# install wrote; with `latest`, nothing already installed is used.
#
# With GITHUB_OUTPUT set, appends version=V and path=/abs/bin/bedrockctl to it; with GITHUB_PATH
# set, appends the bin folder. Exits 1 on any error, with a ::error:: line on stderr.
set -eu

nl='
'
tmp=''
stage=''

cleanup() {
  if [ -n "$stage" ]; then rm -rf "$stage"; fi
  if [ -n "$tmp" ]; then rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# One ::error:: line (a workflow command: % CR LF escaped so that text from a download or a
# setting cannot start a line of its own).
fail() {
  msg=$(printf '%s' "$*" | sed -e 's/%/%25/g' | awk 'BEGIN { ORS = "%0A" } { gsub(/\r/, "%0D"); print }')
  msg=${msg%"%0A"}
  printf '::error::bedrockctl install: %s\n' "$msg" >&2
  exit 1
}

note() { printf 'bedrockctl install: %s\n' "$*"; }

# --- settings -------------------------------------------------------------------------------

semver='^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z][0-9A-Za-z.-]*)?$'

is_version() {
  case $1 in *"$nl"*) return 1 ;; esac
  printf '%s\n' "$1" | grep -Eq "$semver"
}

requested=${BEDROCKCTL_VERSION:-}
[ -n "$requested" ] || fail "BEDROCKCTL_VERSION is not set: set it to a release version such as 0.1.0, or to latest"
case $requested in
  latest) version='' ;;
  v*) version=${requested#v} ;;
  *) version=$requested ;;
esac
if [ "$requested" != latest ] && ! is_version "$version"; then
  fail "BEDROCKCTL_VERSION '$requested' is not a release version (X.Y.Z or X.Y.Z-PRE, a leading v allowed) nor latest"
fi

os_name=${BEDROCKCTL_OS:-$(uname -s)}
machine=${BEDROCKCTL_ARCH:-$(uname -m)}
available='bedrockctl releases are built for linux x86_64 and linux aarch64 only'
case $os_name in
  Linux | linux) os=linux ;;
  Darwin | darwin) fail "this machine runs macOS ($os_name $machine); $available (build from source on macOS: swift build -c release)" ;;
  MINGW* | MSYS* | CYGWIN* | Windows* | windows*) fail "this machine runs Windows ($os_name $machine); $available" ;;
  *) fail "this machine runs $os_name $machine; $available" ;;
esac
case $machine in
  x86_64 | amd64 | X64 | x64) arch=x86_64 ;;
  aarch64 | arm64 | ARM64) arch=aarch64 ;;
  *) fail "this machine is $os_name $machine, an architecture without a release; $available" ;;
esac

repository=${BEDROCKCTL_REPOSITORY:-bedrockctl/bedrockctl}
case $repository in
  *"$nl"* | */*/* | /* | */ | .* | */.* | *[!A-Za-z0-9_./-]*) fail "BEDROCKCTL_REPOSITORY '$repository' is not OWNER/NAME" ;;
  */*) ;;
  *) fail "BEDROCKCTL_REPOSITORY '$repository' is not OWNER/NAME" ;;
esac
base=${BEDROCKCTL_RELEASES:-https://github.com/$repository/releases}
while :; do
  case $base in */) base=${base%/} ;; *) break ;; esac
done
case $base in
  *"$nl"*) fail "BEDROCKCTL_RELEASES holds a line break" ;;
  http://*@* | http://*\\*) fail "BEDROCKCTL_RELEASES '$base' is an http:// URL with a user name or a backslash; refusing it" ;;
  https://?* | file:///*) ;;
  http://127.0.0.1:* | http://127.0.0.1/* | http://localhost:* | http://localhost/* | http://\[::1\]:* | http://\[::1\]/*) ;;
  http://*) fail "BEDROCKCTL_RELEASES '$base' is plain http to another machine; use https (or file:// for a local folder)" ;;
  *) fail "BEDROCKCTL_RELEASES '$base' is not an https://, file:// or loopback http:// URL" ;;
esac

if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$@"; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$@"; }
else
  fail "neither sha256sum nor shasum is installed; one is needed to verify the download"
fi
for tool in curl tar gzip awk; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed; it is needed to download and unpack bedrockctl"
done

# --- helpers --------------------------------------------------------------------------------

absolute() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(pwd)" "$1" ;;
  esac
}

# download URL FILE
download() {
  curl -fsSL --retry 3 --retry-connrefused --proto '=https,http,file' --proto-redir '=https' \
    -o "$2" "$1" || return 1
}

# The digest SHA256SUMS gives for a file name (exactly that name; sha256sum's " *" binary marker
# accepted). Fails when the name is absent or listed with different digests.
listed_digest() {
  sums_lines "$1" | awk -F '\t' -v name="$2" '
    $2 == name {
      if (found != "" && found != $1) { conflict = 1 }
      found = $1
    }
    END { if (found == "" || conflict) exit 1; print found }
  '
}

# The lines of a SHA256SUMS file as sha256sum writes them ("DIGEST  NAME", or "DIGEST *NAME"),
# printed as DIGEST<tab>NAME with the digest in lower case; other lines are left out.
sums_lines() {
  awk '
    {
      sub(/\r$/, "")
      h = substr($0, 1, 64); sep = substr($0, 65, 1); mode = substr($0, 66, 1); f = substr($0, 67)
      if (length(h) == 64 && h !~ /[^0-9A-Fa-f]/ && sep == " " && (mode == " " || mode == "*") && f != "")
        print tolower(h) "\t" f
    }
  ' "$1"
}

digest_of() {
  sha256 "$1" | awk '{ print tolower($1); exit }'
}

# The version a bedrockctl prints for --version (one line, surrounding blanks trimmed).
version_of() {
  if command -v timeout >/dev/null 2>&1; then
    timeout 60 "$1" --version 2>/dev/null
  else
    "$1" --version 2>/dev/null
  fi | awk 'NR == 1 { gsub(/^[ \t]+|[ \t\r]+$/, ""); print }'
}

# Writes the list of installed files' digests (relative paths): a record of what was installed.
list_files() {
  files_in "$1" | while IFS= read -r f; do
    (cd "$1" && sha256 "$f")
  done
}

write_outputs() {
  bin_dir=$1/bin
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf 'version=%s\npath=%s\n' "$version" "$bin_dir/bedrockctl" >>"$GITHUB_OUTPUT"
  fi
  if [ -n "${GITHUB_PATH:-}" ]; then
    printf '%s\n' "$bin_dir" >>"$GITHUB_PATH"
  fi
  printf 'bedrockctl %s installed: %s\n' "$version" "$bin_dir/bedrockctl"
}

# The files under a folder (not the install's own lists), one relative path a line, sorted.
files_in() {
  (cd "$1" && find . ! -type d ! -name .sha256 ! -name .files.sha256 | LC_ALL=C sort)
}

# --- find the release -----------------------------------------------------------------------

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/bedrockctl-install.XXXXXX")
sums="$tmp/SHA256SUMS"

if [ -z "$version" ]; then
  from="$base/latest/download"
  download "$from/SHA256SUMS" "$sums" ||
    fail "could not download $from/SHA256SUMS: no latest release there, or it is out of reach"
  names=$(sums_lines "$sums" | awk -F '\t' -v suffix="-$os-$arch.tar.gz" '
    index($2, "bedrockctl-") == 1 && length($2) > length(suffix) + 11 &&
      substr($2, length($2) - length(suffix) + 1) == suffix && $2 !~ /\// { print $2 }
  ' | LC_ALL=C sort -u)
  case $names in
    '') fail "the latest release's SHA256SUMS ($from/SHA256SUMS) lists no archive for linux $arch" ;;
    *"$nl"*) fail "the latest release's SHA256SUMS lists several archives for linux $arch: $(printf '%s' "$names" | tr '\n' ' ')" ;;
  esac
  version=${names#bedrockctl-}
  version=${version%-"$os-$arch".tar.gz}
  is_version "$version" || fail "the latest release's archive $names does not name a release version"
  note "latest is $version"
else
  from="$base/download/v$version"
fi

top="bedrockctl-$version-$os-$arch"
asset="$top.tar.gz"
install_dir=${BEDROCKCTL_INSTALL_DIR:-}
if [ -z "$install_dir" ]; then
  install_dir="${RUNNER_TOOL_CACHE:-${HOME:?HOME is not set; set BEDROCKCTL_INSTALL_DIR}/.local/share}/bedrockctl/$version/$arch"
fi
case $install_dir in *"$nl"*) fail "the install folder's name holds a line break" ;; esac
install_dir=$(absolute "$install_dir")
while :; do
  case $install_dir in ?*/) install_dir=${install_dir%/} ;; *) break ;; esac
done
[ "$install_dir" != / ] || fail "refusing to install into /"

# An install in place (restored from a cache, say) is never trusted as it stands: its archive,
# kept beside it, is checked against the release's SHA256SUMS, downloaded afresh, and unpacked again.
cached="$install_dir/.archive.tar.gz"
# Anything else in the way is replaced only when an earlier install of ours left it (marker).
if [ -e "$install_dir" ] || [ -L "$install_dir" ]; then
  if [ -d "$install_dir" ] && [ ! -L "$install_dir" ] && [ -f "$install_dir/.sha256" ]; then
    note "replacing the bedrockctl install in $install_dir"
  elif [ -d "$install_dir" ] && [ ! -L "$install_dir" ] && [ -z "$(ls -A "$install_dir")" ]; then
    :
  else
    fail "$install_dir exists and is not a bedrockctl install (no .sha256 marker); remove it or set BEDROCKCTL_INSTALL_DIR to another folder"
  fi
fi

# --- download and verify --------------------------------------------------------------------

if [ "$requested" != latest ]; then
  download "$from/SHA256SUMS" "$sums" ||
    fail "could not download $from/SHA256SUMS: is $version a release of $repository (or of $base)? every release carries one"
fi
expected=$(listed_digest "$sums" "$asset") ||
  fail "$from/SHA256SUMS has no line (or conflicting lines) for $asset; refusing to install an archive it does not vouch for"
if [ "$requested" != latest ] && [ -f "$cached" ] && [ ! -L "$cached" ] &&
  [ "$(digest_of "$cached")" = "$expected" ]; then
  cp "$cached" "$tmp/$asset"
  note "using the cached archive $cached (it matches SHA256SUMS)"
else
  [ ! -e "$cached" ] || note "the cached archive $cached does not match SHA256SUMS; downloading the release's"
  download "$from/$asset" "$tmp/$asset" ||
    fail "could not download $from/$asset: release $version has no archive for linux $arch, or it is out of reach"
fi
actual=$(digest_of "$tmp/$asset")
if [ "$actual" != "$expected" ]; then
  fail "checksum mismatch for $asset: SHA256SUMS expects $expected, the download is $actual; nothing was installed"
fi
note "verified $asset (sha256 $actual)"

# --- unpack next to the install folder, check, move into place ------------------------------

tar -tzf "$tmp/$asset" >"$tmp/entries" 2>/dev/null || fail "$asset is not a readable gzip tar archive"
bad_entry=$(awk -v top="$top" '
  $0 != top && $0 != top "/" && index($0, top "/") != 1 { print; exit }
  $0 ~ /(^|\/)\.\.(\/|$)/ { print; exit }
' "$tmp/entries")
[ -z "$bad_entry" ] || fail "$asset holds '$bad_entry', outside its folder $top/; refusing it"

parent=$(dirname "$install_dir")
mkdir -p "$parent"
stage=$(mktemp -d "$parent/.bedrockctl-install.XXXXXX")
tar -xzf "$tmp/$asset" -C "$stage" --no-same-owner || fail "could not unpack $asset"
new="$stage/$top"
exe="$new/bin/bedrockctl"
[ -d "$new" ] && [ ! -L "$new" ] || fail "$asset has no folder $top/"
[ -f "$exe" ] && [ ! -L "$exe" ] || fail "$asset has no file $top/bin/bedrockctl"
[ -x "$exe" ] || fail "$top/bin/bedrockctl in $asset is not executable"
[ -z "$(cd "$new" && find . ! -type d ! -type f)" ] || fail "$asset holds links or special files; refusing it"
got=$(version_of "$exe") || got=''
if [ "$got" != "$version" ]; then
  fail "$top/bin/bedrockctl --version printed '$got', not $version (or could not run on $os_name $machine); nothing was installed"
fi
list_files "$new" >"$new/.files.sha256"
printf '%s  %s\n' "$actual" "$asset" >"$new/.sha256"
cp "$tmp/$asset" "$new/.archive.tar.gz"

if [ -e "$install_dir" ]; then
  mv "$install_dir" "$stage/previous"
fi
if ! mv "$new" "$install_dir"; then
  if [ -e "$stage/previous" ]; then mv "$stage/previous" "$install_dir" || :; fi
  fail "could not move the new install into $install_dir"
fi
rm -rf "$stage"
stage=''

write_outputs "$install_dir"
