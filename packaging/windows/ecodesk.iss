; Inno Setup script for the Windows installer. Build the bundle first on Windows:
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e .[gui,package] && .venv\Scripts\pyinstaller packaging\ecodesk.spec
; then: iscc packaging\windows\ecodesk.iss   (writes dist\EcoDesk-<version>-setup.exe)
; Sign both ecodesk*.exe and the installer with the organization's code-signing certificate (signtool), and
; publish the installer's SHA-256 with the release so IT can verify it.
#define AppVersion GetEnv("ECODESK_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1F4E0B-2B8E-4B55-9C5B-3C7E2D1A9E41}
AppName=EcoDesk
AppVersion={#AppVersion}
AppPublisher=Ethics Office
DefaultDirName={autopf}\EcoDesk
DefaultGroupName=EcoDesk
OutputDir=..\..\dist
OutputBaseFilename=EcoDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequiredOverridesAllowed=dialog
SetupIconFile=..\..\resources\icons\ecodesk.ico
WizardStyle=modern
; No download during installation: everything is inside the installer.

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Files]
Source: "..\..\dist\ecodesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\EcoDesk"; Filename: "{app}\ecodesk-gui.exe"
Name: "{autodesktop}\EcoDesk"; Filename: "{app}\ecodesk-gui.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\ecodesk-gui.exe"; Description: "{cm:LaunchProgram,EcoDesk}"; Flags: nowait postinstall skipifsilent
