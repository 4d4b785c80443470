#!/usr/bin/env bash
# Installs a released adrsite binary for this machine, after checking its SHA-256 sum; builds
# it with cargo where no binary is published for the platform. Used by the GitHub Action
# (action.yml); runs anywhere with bash and curl.
#
# Environment:
#   ADRSITE_VERSION      the release to install: 0.1.0 (required)
#   ADRSITE_DEST         the folder the binary is put in (required)
#   ADRSITE_RELEASES     where releases are published: <ADRSITE_RELEASES>/v<version>/ holds the
#                        archives and their .sha256 files. Default: the GitHub releases of
#                        adrsite/adrsite. A file:// URL works too.
#   ADRSITE_TARGET       the platform's target triple; detected when empty
#   ADRSITE_FROM_SOURCE  `true`: build with `cargo install` instead of downloading
#   ADRSITE_SOURCE       the git repository to build from (default adrsite/adrsite on GitHub)
set -euo pipefail

die() {
  echo "error: $1" >&2
  [ -n "${2:-}" ] && echo "  = help: $2" >&2
  exit 1
}

version="${ADRSITE_VERSION:-}"
version="${version#v}"
[ -n "$version" ] || die "ADRSITE_VERSION is not set" "set it to a release, for example 0.1.0"
dest="${ADRSITE_DEST:-}"
[ -n "$dest" ] || die "ADRSITE_DEST is not set" "set it to the folder the binary goes into"
releases="${ADRSITE_RELEASES:-https://github.com/adrsite/adrsite/releases/download}"
source_repo="${ADRSITE_SOURCE:-https://github.com/adrsite/adrsite}"

# The targets releases are built for (.github/workflows/release.yml).
published="x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-msvc"

target="${ADRSITE_TARGET:-}"
if [ -z "$target" ]; then
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) arch="$(uname -m)" ;;
  esac
  case "$(uname -s)" in
    Linux) target="$arch-unknown-linux-musl" ;;
    Darwin) target="$arch-apple-darwin" ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) target="$arch-pc-windows-msvc" ;;
    *) target="$arch-unknown-$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
  esac
fi
exe=""
case "$target" in *windows*) exe=".exe" ;; esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

build_from_source() {
  command -v cargo >/dev/null 2>&1 ||
    die "no adrsite binary is published for $target, and cargo is not installed to build one" \
      "install Rust (https://rustup.rs) before this step, or run on a platform with a binary: $published"
  echo "Building adrsite $version from $source_repo with cargo (a few minutes)"
  cargo install --locked --quiet --git "$source_repo" --tag "v$version" --root "$tmp/cargo" adrsite
  binary="$tmp/cargo/bin/adrsite$exe"
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

download() {
  curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" ||
    die "could not download $1" "check that release v$version exists and publishes $target"
}

if [ "${ADRSITE_FROM_SOURCE:-false}" = true ] || ! [[ " $published " == *" $target "* ]]; then
  archive="the source build"
  build_from_source
else
  name="adrsite-v$version-$target"
  case "$target" in *windows*) archive="$name.zip" ;; *) archive="$name.tar.gz" ;; esac
  url="$releases/v$version/$archive"
  echo "Downloading $url"
  download "$url" "$tmp/$archive"
  download "$url.sha256" "$tmp/$archive.sha256"
  expected="$(cut -d' ' -f1 <"$tmp/$archive.sha256" | head -n1 | tr '[:upper:]' '[:lower:]')"
  actual="$(sha256 "$tmp/$archive")"
  [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "$archive.sha256 holds no SHA-256 sum" "the release is damaged; report it"
  if [ "$actual" != "$expected" ]; then
    die "the SHA-256 sum of $archive is $actual, but the release says $expected; nothing was installed" \
      "the download was damaged or altered; run the job again, and report it if it repeats"
  fi
  mkdir -p "$tmp/unpacked"
  case "$archive" in
    *.zip)
      if command -v unzip >/dev/null 2>&1; then
        unzip -q "$tmp/$archive" -d "$tmp/unpacked"
      else
        7z x -y -bd "-o$tmp/unpacked" "$tmp/$archive" >/dev/null
      fi
      ;;
    *) tar -xzf "$tmp/$archive" -C "$tmp/unpacked" ;;
  esac
  binary="$tmp/unpacked/$name/adrsite$exe"
  [ -f "$binary" ] || die "$archive has no $name/adrsite$exe" "the release is damaged; report it"
  chmod +x "$binary"
fi

# Only a binary that runs and is the version asked for is installed.
installed="$("$binary" --version)" || die "the adrsite of $archive does not run on this machine ($target)"
case "$installed" in
  "adrsite $version "*) ;;
  *) die "the binary is $installed, not $version; nothing was installed" "the release holds another version; report it" ;;
esac
mkdir -p "$dest"
mv "$binary" "$dest/adrsite$exe"
echo "Installed $installed into $dest"
