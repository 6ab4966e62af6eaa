# Single source of truth for names, versions and release flags.
# Sourced (bash) by fyne-cross/build.sh, fyne-cross/check.sh and
# .github/workflows/release.yml. Name, app ID, version and build number come
# from FyneApp.toml; HB_VERSION / HB_BUILD override them (release tags).

HB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# hb_toml KEY: a value of FyneApp.toml's [Details] section.
hb_toml() {
	sed -n '/^\[Details\]/,/^\[/p' "$HB_ROOT/FyneApp.toml" |
		sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*\$/\1/p" |
		head -n 1
}

APP_NAME="$(hb_toml Name)"    # 汇编阅读器 (display name, window title)
APP_ID="$(hb_toml ID)"        # io.github.huibian.reader
APP_ICON="$HB_ROOT/$(hb_toml Icon)"
APP_VERSION="${HB_VERSION:-$(hb_toml Version)}"
APP_VERSION="${APP_VERSION#v}"
APP_BUILD="${HB_BUILD:-$(hb_toml Build)}"
# Numeric a.b.c.build for Windows version resources.
APP_VERSION_NUM="$(printf '%s' "${APP_VERSION%%[-+]*}" | awk -F. '{printf "%d.%d.%d", $1, $2, $3}').${APP_BUILD}"
APP_PUBLISHER="汇编阅读器项目"
APP_DESCRIPTION="离线阅读机关文件汇编"
APP_COPYRIGHT="© 2026 汇编阅读器项目"

BIN_NAME="huibian"
MAIN_PKG="."
GO_TAGS="no_emoji"
GO_LDFLAGS="-s -w -X main.version=${APP_VERSION}"
# Use as: go build "${GO_BUILD_FLAGS[@]}" -ldflags "$GO_LDFLAGS ..." ...
GO_BUILD_FLAGS=(-trimpath -tags "$GO_TAGS")

# Inner folder name in the Windows installer and its default location.
WIN_INSTALL_DIR_NAME="Huibian"

# Debian package. Depends is computed by dpkg-shlibdeps when available; this
# list (what the GLFW/X11 build links) is the fallback.
DEB_PACKAGE="huibian"
DEB_SECTION="text"
DEB_MAINTAINER="Huibian maintainers <huibian@users.noreply.github.com>"
DEB_FALLBACK_DEPENDS="libc6, libgl1, libx11-6, libxcursor1, libxext6, libxi6, libxinerama1, libxrandr2, libxxf86vm1"

# Tools, pinned.
FYNE_TOOL_VERSION="v1.7.4"       # fyne.io/tools/cmd/fyne
GO_WINRES_VERSION="v0.3.3"       # github.com/tc-hib/go-winres
FYNE_CROSS_VERSION="v1.6.2"      # github.com/fyne-io/fyne-cross
ACTIONLINT_VERSION="v1.7.12"     # github.com/rhysd/actionlint (check.sh lints the release workflow)
HB_TOOLS="${HB_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/huibian-tools}"

# Outputs (git-ignored).
HB_DIST="$HB_ROOT/fyne-cross/dist"
HB_BIN="$HB_ROOT/fyne-cross/bin"
HB_TMP="$HB_ROOT/fyne-cross/tmp"

# Artifact names.
hb_artifact() { # hb_artifact OS ARCH KIND
	case "$3" in
	tar) echo "${BIN_NAME}-${APP_VERSION}-$1-$2.tar.xz" ;;
	deb) echo "${DEB_PACKAGE}_${APP_VERSION//-/\~}_$2.deb" ;;
	setup) echo "${BIN_NAME}-${APP_VERSION}-$1-$2-setup.exe" ;;
	app) echo "${BIN_NAME}-${APP_VERSION}-$1-$2.app.zip" ;;
	esac
}
