; Windows setup program of 汇编阅读器, built by fyne-cross/build.sh (target
; "setup") with makensis. Per-user install: no administrator rights, files in
; %LOCALAPPDATA%\Programs\<INSTALL_DIR_NAME>, Start-menu and desktop shortcuts,
; uninstaller registered under HKCU\...\Uninstall\<APP_ID>.
;
; build.sh passes DEFINES, a UTF-8 file that defines APP_NAME, APP_ID,
; APP_VERSION, APP_VERSION_NUM, APP_PUBLISHER, APP_DESCRIPTION, APP_COPYRIGHT,
; BIN_NAME, INSTALL_DIR_NAME, EXE, ICON and OUTFILE (values from
; fyne-cross/config.sh), and TARGET_AMD64 when the amd64 stubs exist.
; User data (the library and notes, %APPDATA%\huibian) lives outside the
; install folder and is kept on uninstall. Word documents and text files get
; an "Open with" entry (never the default program).

!ifdef TARGET_AMD64
Target amd64-unicode
!else
Unicode true
!endif

!include "${DEFINES}"
!include "MUI2.nsh"
!include "FileFunc.nsh"

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
; "Open with" for Word documents and text files: a ProgID listed under each
; extension's OpenWithProgids and the Applications key of the .exe. The
; default program of .docx and .txt stays what the user chose.
!define PROGID "${APP_ID}.document"
!define CLASSES "Software\Classes"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${INSTALL_DIR_NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
SetCompressor /SOLID lzma
ManifestDPIAware true
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APP_NAME} ${APP_VERSION}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${BIN_NAME}.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${APP_VERSION_NUM}"
VIFileVersion "${APP_VERSION_NUM}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${APP_VERSION_NUM}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${APP_PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${APP_COPYRIGHT}"

!macro OpenWith EXT
	WriteRegStr HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}" ""
	WriteRegStr HKCU "${CLASSES}\Applications\${BIN_NAME}.exe\SupportedTypes" "${EXT}" ""
!macroend
!macro UnOpenWith EXT
	DeleteRegValue HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}"
!macroend

Section "${APP_NAME}" SecMain
	SectionIn RO
	SetShellVarContext current
	SetOutPath "$INSTDIR"
	File "/oname=${BIN_NAME}.exe" "${EXE}"
	WriteUninstaller "$INSTDIR\uninstall.exe"

	CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${BIN_NAME}.exe" "" "$INSTDIR\${BIN_NAME}.exe" 0 \
		SW_SHOWNORMAL "" "${APP_DESCRIPTION}"
	CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${BIN_NAME}.exe" "" "$INSTDIR\${BIN_NAME}.exe" 0 \
		SW_SHOWNORMAL "" "${APP_DESCRIPTION}"

	WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
	WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${APP_VERSION}"
	WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${BIN_NAME}.exe,0"
	WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP_PUBLISHER}"
	WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
	WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
	WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
	WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
	WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
	WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "${APP_NAME} 文档"
	WriteRegStr HKCU "${CLASSES}\${PROGID}" "FriendlyTypeName" "${APP_NAME} 文档"
	WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\${BIN_NAME}.exe,0"
	WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\${BIN_NAME}.exe" "%1"'
	WriteRegStr HKCU "${CLASSES}\Applications\${BIN_NAME}.exe" "FriendlyAppName" "${APP_NAME}"
	WriteRegStr HKCU "${CLASSES}\Applications\${BIN_NAME}.exe\shell\open\command" "" '"$INSTDIR\${BIN_NAME}.exe" "%1"'
	!insertmacro OpenWith ".docx"
	!insertmacro OpenWith ".txt"
	System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED

	${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
	IntFmt $0 "0x%08X" $0
	WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
	SetShellVarContext current
	Delete "$SMPROGRAMS\${APP_NAME}.lnk"
	Delete "$DESKTOP\${APP_NAME}.lnk"
	Delete "$INSTDIR\${BIN_NAME}.exe"
	Delete "$INSTDIR\uninstall.exe"
	RMDir "$INSTDIR"
	DeleteRegKey HKCU "${UNINST_KEY}"
	!insertmacro UnOpenWith ".docx"
	!insertmacro UnOpenWith ".txt"
	DeleteRegKey HKCU "${CLASSES}\${PROGID}"
	DeleteRegKey HKCU "${CLASSES}\Applications\${BIN_NAME}.exe"
	System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
