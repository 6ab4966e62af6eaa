/*
 * Test-only stand-in for bcryptprimitives.dll, used by fyne-cross/wine-check.sh
 * and never shipped. Go >= 1.22 Windows binaries import ProcessPrng from
 * bcryptprimitives.dll, which Wine 8.0 (Debian bookworm) lacks: they die
 * with "fatal error: bcryptprimitives.dll not found" before main. This DLL
 * exports ProcessPrng and fills the buffer with RtlGenRandom
 * (SystemFunction036 in advapi32).
 *
 * x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll processprng.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
