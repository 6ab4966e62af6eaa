# window.sh: what the scripts that run the real window (smoke, keys, the
# checks and the perf scripts) share. Source it, then
#
#   trap window_cleanup EXIT
#
# stops the reader (APID, if set) and the X server when the script ends;
#
#   fail MESSAGE
#
# prints 失败：MESSAGE on stderr and exits 1;
#
#   need_cmds COMMAND:PACKAGE...
#
# (from fyne-cross/lib.sh) installs with apt-get the package of every
# command that is missing;
#
#   build_reader DIR
#
# empties DIR and builds the reader into DIR/huibian, setting BIN; and
#
#   xvfb_start FIRST WxH LOG [Xvfb arguments...]
#
# starts Xvfb on the first free display number from FIRST (24-bit colour,
# no TCP listener), waits up to 5 s for its socket, and sets XVFB_DISP (the
# number), DISPLAY (exported) and XPID. It returns non-zero if the server
# did not come up. xvfb_stop stops it; it is safe to call twice.

xvfb_start() {
	local first=$1 size=$2 log=$3
	shift 3
	XVFB_DISP=$first
	while [[ -e /tmp/.X11-unix/X$XVFB_DISP || -e /tmp/.X$XVFB_DISP-lock ]]; do
		XVFB_DISP=$((XVFB_DISP + 1))
	done
	Xvfb ":$XVFB_DISP" -screen 0 "${size}x24" -nolisten tcp "$@" >"$log" 2>&1 &
	XPID=$!
	export DISPLAY=":$XVFB_DISP"
	local _
	for _ in $(seq 50); do
		[[ -e /tmp/.X11-unix/X$XVFB_DISP ]] && return 0
		sleep 0.1
	done
	return 1
}

xvfb_stop() {
	[[ -n ${XPID:-} ]] && kill "$XPID" 2>/dev/null
	XPID=
	return 0
}

APID=
XPID=

window_cleanup() {
	[[ -n ${APID:-} ]] && kill "$APID" 2>/dev/null
	xvfb_stop
	APID=
	return 0
}

fail() {
	echo "失败：$*" >&2
	exit 1
}

build_reader() {
	rm -rf "$1"
	mkdir -p "$1"
	BIN="$1/huibian"
	echo "构建 $BIN"
	go build -o "$BIN" .
}

# shellcheck source=fyne-cross/lib.sh
. fyne-cross/lib.sh
